namespace Mesa.Server.Storage;

/// <summary>A <c>job_stages</c> row: one stage of one run of a job, the checkpoint a requeued job resumes after.</summary>
/// <remarks>Init properties rather than a positional record: Dapper maps SQLite's NULLs reliably only through setters.</remarks>
[GenerateSerializer, Immutable, Alias("Mesa.StageRecord")]
public sealed record StageRecord
{
    public const string Columns = "job_id AS JobId, run AS Run, stage AS Stage, started_ms AS StartedMs, finished_ms AS FinishedMs, seconds AS Seconds";

    [Id(0)]
    public required string JobId { get; init; }
    [Id(1)]
    public long Run { get; init; }
    [Id(2)]
    public required string Stage { get; init; }
    [Id(3)]
    public long StartedMs { get; init; }

    /// <summary>Null while the stage runs, or when its run was interrupted.</summary>
    [Id(4)]
    public long? FinishedMs { get; init; }
    [Id(5)]
    public double? Seconds { get; init; }
}
