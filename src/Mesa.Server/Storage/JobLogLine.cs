namespace Mesa.Server.Storage;

/// <summary>One line of a job's log as shown to its owner.</summary>
[GenerateSerializer, Immutable, Alias("Mesa.JobLogLine")]
public sealed record JobLogLine
{
    [Id(0)]
    public long AtMs { get; init; }
    [Id(1)]
    public required string Level { get; init; }
    [Id(2)]
    public required string Message { get; init; }
}
