using Mesa.Identity;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>
/// The checks every status passes before a peer's grain sees it (pushed to this server or returned in a reply): its
/// sender is in the seed in force, it is addressed to this server, it is signed by an active key the seed's root for
/// that sender certified, and it was sent within the replay window. Nonces and ordering are the grain's.
/// </summary>
public sealed class PeerStatusCheck(PeerStore store, LocalStatus local, IOptions<MesaOptions> options, TimeProvider clock)
{
    /// <param name="expectedSender">The peer asked, for a reply; null for a status pushed by any peer.</param>
    public (CheckedStatus? Status, PeerRefusal? Refusal) Check(string json, string? expectedSender)
    {
        SignedPeerStatus message;
        try
        {
            message = SignedPeerStatus.Read(json);
        }
        catch (IdentityException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Malformed status", e.Message);
        }
        var status = message.Status;
        if (store.CurrentSeed()?.Seed() is not { } seed)
            return Refuse(StatusCodes.Status403Forbidden, "No cluster seed", "this server has imported no cluster seed, so it takes statuses from no server.");
        if (expectedSender is not null && status.SenderRootFingerprint != expectedSender)
            return Refuse(StatusCodes.Status401Unauthorized, "Wrong sender", $"the reply names sender root {status.SenderRootFingerprint}, not the peer asked ({expectedSender}).");
        var own = local.RootFingerprint;
        if (seed.PeerWithRoot(status.SenderRootFingerprint) is not { } sender || sender.RootFingerprint == own)
            return Refuse(StatusCodes.Status403Forbidden, "Sender not in the seed",
                $"root {status.SenderRootFingerprint} is not a peer in this server's cluster seed {seed.SeedId} (version {seed.Version}).");
        if (status.RecipientRootFingerprint != own)
            return Refuse(StatusCodes.Status403Forbidden, "Addressed to another server", $"the status is addressed to root {status.RecipientRootFingerprint}, not to this server's root {own}.");
        try
        {
            message.Verify(sender.RootFingerprint);
            // Clients offered this peer check its profile against the same root, so a bad one is refused here already.
            SignedServerProfile.Verify(message.Status.Profile.ToJson(), sender.RootFingerprint);
        }
        catch (IdentityException e)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "Wrong key", $"the status claims to come from peer '{sender.Label}' but its signature does not chain to that peer's root: {e.Message}");
        }
        var window = TimeSpan.FromSeconds(options.Value.Peers.ReplayWindowSeconds);
        var skew = clock.GetUtcNow() - status.SentAt;
        if (skew.Duration() > window)
            return Refuse(StatusCodes.Status409Conflict, "Replay refused",
                $"the status was sent at {status.SentAt:O}, {Math.Abs(skew.TotalSeconds):F0} s from this server's clock; statuses older or newer than {window.TotalSeconds:F0} s are refused as replays.");
        return (new CheckedStatus(message, json, seed), null);
    }

    private static (CheckedStatus?, PeerRefusal?) Refuse(int statusCode, string title, string detail) => (null, new PeerRefusal(statusCode, title, detail));
}
