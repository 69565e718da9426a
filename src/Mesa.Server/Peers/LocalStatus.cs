using Mesa.Identity;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Operations;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>This server's status for a peer: capacity, queue, health and version, signed by the current active key.</summary>
public sealed class LocalStatus(SigningKeys keys, ServerProfileExport profiles, JobRepository jobs, Readiness readiness, LocalNode node,
    IOptions<MesaOptions> options, TimeProvider clock)
{
    /// <summary>The root this server's keys chain to: how peers and seeds name it.</summary>
    public string RootFingerprint => keys.Ring.RootFingerprint;

    /// <param name="seed">The seed in force: where it lists this server is this server's base URL unless <c>Mesa:PublicBaseUrl</c> says otherwise.</param>
    public async Task<SignedPeerStatus> ForAsync(string recipientRoot, ClusterSeed seed, CancellationToken cancellation)
    {
        var key = keys.Current();
        var origin = BaseUrl(seed);
        var failing = (await readiness.CheckAsync(cancellation)).Where(c => c.Problem is not null).Select(c => c.Name).ToList();
        var profile = options.Value.Profile;
        var status = new PeerStatus(PeerStatus.CurrentSchemaVersion, keys.Ring.RootFingerprint, origin, recipientRoot,
            Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), clock.GetUtcNow(),
            new PeerCapacity(node.Cores, node.MemoryBytes, profile.GpuCount ?? node.Gpus.Count, profile.GpuType ?? node.GpuModel),
            jobs.Queued().Count, jobs.Running().Count,
            failing.Count == 0 ? PeerStatus.Healthy : $"degraded: {string.Join(", ", failing)}", node.Version, profiles.Create(origin));
        return SignedPeerStatus.Sign(status, key.Key.ECDsa, key.Certificate);
    }

    private string BaseUrl(ClusterSeed seed) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : seed.PeerWithRoot(keys.Ring.RootFingerprint)?.BaseUrl.TrimEnd('/')
        ?? node.Address?.Split(", ")[0].TrimEnd('/')
        ?? throw new InvalidOperationException("This server's base URL is unknown: set Mesa:PublicBaseUrl or list this server in the seed.");
}
