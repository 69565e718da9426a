using Mesa.Identity;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Security;

/// <summary>
/// Builds this server's profile from its settings and signs it with the current active key, whose root
/// certificate travels with the signature (the root key itself stays offline).
/// </summary>
public sealed class ServerProfileExport(SigningKeys keys, IOptions<MesaOptions> options, LocalNode node)
{
    public SignedServerProfile Create(HttpRequest request) => Create(PublicOrigin.Of(request, options.Value));

    /// <param name="origin">The base URL clients reach this server at.</param>
    public SignedServerProfile Create(string origin)
    {
        var settings = options.Value;
        var key = keys.Current();
        var profile = new ServerProfile(
            ServerProfile.CurrentSchemaVersion,
            Guid.NewGuid().ToString("N"),
            DateTimeOffset.UtcNow,
            new ServerIdentity(settings.Profile.DnsName is { Length: > 0 } dns ? dns : new Uri(origin).Host, settings.Profile.Ip is { Length: > 0 } ip ? ip : null,
                origin, settings.Profile.Environment),
            new CapacityHints(settings.Limits.MaxUploadBytes, settings.Profile.MaxConcurrentJobs, settings.Profile.GpuCount ?? node.Gpus.Count,
                settings.Profile.GpuType ?? node.GpuModel),
            new TrustBundle(keys.Ring.RootFingerprint, key.Kid, origin + WellKnownKeysEndpoint.Path),
            new PolicyHints(Math.Round(settings.Retention.Minutes / (24 * 60), 3), (int)Math.Ceiling(settings.Processing.MaxJobMinutes), settings.Profile.Scope));
        return SignedServerProfile.SignWithActiveKey(profile, key.Key.ECDsa, key.Certificate);
    }
}
