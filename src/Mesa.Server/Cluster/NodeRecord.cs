namespace Mesa.Server.Cluster;

/// <summary>A <c>nodes</c> row: one member of the cluster, as it last reported itself.</summary>
public sealed record NodeRecord
{
    public const string Columns = "id AS Id, address AS Address, version AS Version, cores AS Cores, memory_bytes AS MemoryBytes, gpu AS Gpu, " +
        "started_ms AS StartedMs, heartbeat_ms AS HeartbeatMs, stopped_ms AS StoppedMs, dispatcher_since_ms AS DispatcherSinceMs, accepts_jobs AS AcceptsJobs";

    public required string Id { get; init; }
    public required string Address { get; init; }
    public required string Version { get; init; }
    public long Cores { get; init; }
    public long MemoryBytes { get; init; }
    public bool Gpu { get; init; }
    public long StartedMs { get; init; }
    public long HeartbeatMs { get; init; }
    public long? StoppedMs { get; init; }
    public long? DispatcherSinceMs { get; init; }

    /// <summary>False for an API-only node (<c>Mesa:Processing:DispatcherEnabled</c> off): nothing is placed on it.</summary>
    public bool AcceptsJobs { get; init; }
}
