namespace Mesa.Server.Peers;

/// <summary>What this server knows of one peer: its last signed status and when it came, its last exchange, and whether it is disabled.</summary>
public sealed record PeerRow
{
    public required string RootFingerprint { get; init; }
    public required bool Disabled { get; init; }
    public string? Status { get; init; }
    public long? SentMs { get; init; }
    public long? ReceivedMs { get; init; }
    public long? AttemptedMs { get; init; }
    public string? Error { get; init; }
}
