using Mesa.Identity;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>
/// The peers of the seed in force with their last status and state: reachable while a status arrived within
/// <c>Mesa:Peers:TimeoutSeconds</c>, unreachable after that, stale after <c>StaleSeconds</c>.
/// </summary>
public sealed class PeerViews(PeerStore store, LocalStatus local, IOptions<MesaOptions> options, TimeProvider clock)
{
    /// <summary>Every peer of <paramref name="seed"/> but this server, in the seed's order.</summary>
    public IReadOnlyList<PeerEntry> Of(ClusterSeed seed)
    {
        var rows = store.Peers();
        var own = local.RootFingerprint;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return seed.Peers.Where(p => p.RootFingerprint != own).Select(peer =>
        {
            var row = rows.GetValueOrDefault(peer.RootFingerprint);
            TimeSpan? age = row?.ReceivedMs is { } received ? TimeSpan.FromMilliseconds(Math.Max(0, now - received)) : null;
            var status = row?.Status is { } message ? IdentityJson.Read<SignedPeerStatus>(message, "the stored status").Status : null;
            return new PeerEntry(peer, StateOf(row, age), status, age, row);
        }).ToList();
    }

    /// <summary>The peers of the seed in force; none without a seed.</summary>
    public IReadOnlyList<PeerEntry> Current() => store.CurrentSeed()?.Seed() is { } seed ? Of(seed) : [];

    private string StateOf(PeerRow? row, TimeSpan? age)
    {
        var settings = options.Value.Peers;
        if (row is { Disabled: true }) return PeerEntry.Disabled;
        if (age is null) return row?.Error is null ? PeerEntry.Unknown : PeerEntry.Unreachable;
        if (age.Value.TotalSeconds > settings.StaleSeconds) return PeerEntry.Stale;
        return age.Value.TotalSeconds > settings.TimeoutSeconds ? PeerEntry.Unreachable : PeerEntry.Reachable;
    }
}
