namespace Mesa.Server.Admin.Storage;

/// <summary>A job log line with its sequence number, so a live tail can continue where it stopped.</summary>
public sealed record SequencedLogLine
{
    public long Seq { get; init; }
    public long AtMs { get; init; }
    public required string Level { get; init; }
    public required string Message { get; init; }
}
