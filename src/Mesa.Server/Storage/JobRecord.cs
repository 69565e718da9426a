namespace Mesa.Server.Storage;

/// <summary>A <c>jobs</c> row. Progress is the current stage's fraction done (0..1).</summary>
/// <remarks>Init properties rather than a positional record: Dapper maps SQLite's NULLs reliably only through setters.</remarks>
[GenerateSerializer, Immutable, Alias("Mesa.JobRecord")]
public sealed record JobRecord
{
    public const string Columns = "id AS Id, user_id AS UserId, name AS Name, idempotency_key AS IdempotencyKey, state AS State, stage AS Stage, " +
        "progress AS Progress, priority AS Priority, created_ms AS CreatedMs, updated_ms AS UpdatedMs, upload_bytes AS UploadBytes, " +
        "upload_sha256 AS UploadSha256, error AS Error, cancel_requested AS CancelRequested, runs AS Runs, purged_ms AS PurgedMs, " +
        "node_id AS NodeId, requires_gpu AS RequiresGpu, " +
        "downloaded_ms AS DownloadedMs, output_bytes AS OutputBytes, started_ms AS StartedMs, queued_ms AS QueuedMs";

    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public required string UserId { get; init; }
    [Id(2)]
    public string? Name { get; init; }
    [Id(3)]
    public string? IdempotencyKey { get; init; }
    [Id(4)]
    public required string State { get; init; }
    [Id(5)]
    public string? Stage { get; init; }
    [Id(6)]
    public double Progress { get; init; }
    [Id(7)]
    public long Priority { get; init; }
    [Id(8)]
    public long CreatedMs { get; init; }
    [Id(9)]
    public long UpdatedMs { get; init; }
    [Id(10)]
    public long? UploadBytes { get; init; }
    [Id(11)]
    public string? UploadSha256 { get; init; }
    [Id(12)]
    public string? Error { get; init; }
    [Id(13)]
    public bool CancelRequested { get; init; }
    [Id(14)]
    public long Runs { get; init; }

    /// <summary>When the sweeper deleted the job's files; null while they exist.</summary>
    [Id(15)]
    public long? PurgedMs { get; init; }

    /// <summary>The silo running the job (set while running; Orleans' parsable silo address).</summary>
    [Id(16)]
    public string? NodeId { get; init; }

    /// <summary>Placed only on a node with a GPU.</summary>
    [Id(17)]
    public bool RequiresGpu { get; init; }

    /// <summary>When the owner last downloaded a whole package or outputs-only zip.</summary>
    [Id(18)]
    public long? DownloadedMs { get; init; }

    /// <summary>Bytes the outputs hold on disk while they exist.</summary>
    [Id(19)]
    public long? OutputBytes { get; init; }

    /// <summary>When the current (or last) run started.</summary>
    [Id(20)]
    public long? StartedMs { get; init; }

    /// <summary>When the job last entered the queue.</summary>
    [Id(21)]
    public long? QueuedMs { get; init; }
}
