using Mesa.Identity;

namespace Mesa.Server.Peers;

/// <summary>A status whose sender is in the seed in force, whose signature chains to that sender's root, and whose time is within the replay window.</summary>
public sealed record CheckedStatus(SignedPeerStatus Message, string Json, ClusterSeed Seed)
{
    public PeerStatus Status => Message.Status;
}
