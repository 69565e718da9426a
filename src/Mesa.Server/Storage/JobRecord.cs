namespace Mesa.Server.Storage;

/// <summary>A <c>jobs</c> row. Progress is the current stage's fraction done (0..1).</summary>
/// <remarks>Init properties rather than a positional record: Dapper maps SQLite's NULLs reliably only through setters.</remarks>
public sealed record JobRecord
{
    public const string Columns = "id AS Id, user_id AS UserId, name AS Name, idempotency_key AS IdempotencyKey, state AS State, stage AS Stage, " +
        "progress AS Progress, priority AS Priority, created_ms AS CreatedMs, updated_ms AS UpdatedMs, upload_bytes AS UploadBytes, " +
        "upload_sha256 AS UploadSha256, error AS Error, cancel_requested AS CancelRequested, runs AS Runs, purged_ms AS PurgedMs, " +
        "node_id AS NodeId, lease_expires_ms AS LeaseExpiresMs, requires_gpu AS RequiresGpu, " +
        "downloaded_ms AS DownloadedMs, output_bytes AS OutputBytes, started_ms AS StartedMs";

    public required string Id { get; init; }
    public required string UserId { get; init; }
    public string? Name { get; init; }
    public string? IdempotencyKey { get; init; }
    public required string State { get; init; }
    public string? Stage { get; init; }
    public double Progress { get; init; }
    public long Priority { get; init; }
    public long CreatedMs { get; init; }
    public long UpdatedMs { get; init; }
    public long? UploadBytes { get; init; }
    public string? UploadSha256 { get; init; }
    public string? Error { get; init; }
    public bool CancelRequested { get; init; }
    public long Runs { get; init; }

    /// <summary>When the sweeper deleted the job's files; null while they exist.</summary>
    public long? PurgedMs { get; init; }

    /// <summary>The node running the job (set while running).</summary>
    public string? NodeId { get; init; }

    /// <summary>Until when the running node's lease holds; the node renews it while it works, and an expired lease requeues the job.</summary>
    public long? LeaseExpiresMs { get; init; }

    /// <summary>Placed only on a node with a GPU.</summary>
    public bool RequiresGpu { get; init; }

    /// <summary>When the owner last downloaded the whole results zip.</summary>
    public long? DownloadedMs { get; init; }

    /// <summary>Bytes the outputs hold on disk while they exist.</summary>
    public long? OutputBytes { get; init; }

    /// <summary>When the current (or last) run started.</summary>
    public long? StartedMs { get; init; }
}
