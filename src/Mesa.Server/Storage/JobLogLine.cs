namespace Mesa.Server.Storage;

/// <summary>One line of a job's log as shown to its owner.</summary>
public sealed record JobLogLine
{
    public long AtMs { get; init; }
    public required string Level { get; init; }
    public required string Message { get; init; }
}
