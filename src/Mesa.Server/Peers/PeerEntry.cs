using Mesa.Identity;

namespace Mesa.Server.Peers;

/// <summary>One peer of the seed in force as this server sees it now.</summary>
/// <param name="State">"reachable", "unreachable", "stale", "disabled" or "unknown" (not heard from and not tried yet).</param>
/// <param name="Status">Its last status; null before the first.</param>
/// <param name="Age">How long ago its last status arrived.</param>
public sealed record PeerEntry(SeedPeer Peer, string State, PeerStatus? Status, TimeSpan? Age, PeerRow? Row)
{
    public const string Reachable = "reachable";
    public const string Unreachable = "unreachable";
    public const string Stale = "stale";
    public const string Disabled = "disabled";
    public const string Unknown = "unknown";
}
