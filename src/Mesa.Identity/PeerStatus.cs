namespace Mesa.Identity;

/// <summary>
/// What one server tells a peer about itself, every gossip interval. <see cref="Nonce"/> and <see cref="SentAt"/>
/// let the receiver refuse replays; <see cref="RecipientRootFingerprint"/> stops a status meant for one peer being
/// shown to another.
/// </summary>
/// <param name="Health">"healthy", or "degraded: " and the failing readiness checks.</param>
/// <param name="Profile">The sender's server profile signed by its active key, for clients offered this server.</param>
public sealed record PeerStatus(
    int SchemaVersion,
    string SenderRootFingerprint,
    string SenderBaseUrl,
    string RecipientRootFingerprint,
    string Nonce,
    DateTimeOffset SentAt,
    PeerCapacity Capacity,
    int QueueLength,
    int RunningJobs,
    string Health,
    string Version,
    SignedServerProfile Profile)
{
    public const int CurrentSchemaVersion = 1;

    public const string Healthy = "healthy";
}

/// <param name="MemoryBytes">Memory available to the server process.</param>
public sealed record PeerCapacity(int Cores, long MemoryBytes, int GpuCount, string? GpuType);
