using System.Text.Json;
using Mesa.Identity;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>
/// With <c>Mesa:Peers:Routing:Enabled</c>, a job created while more than <c>QueueThreshold</c> jobs are queued here is
/// still accepted, and the reply names the least loaded healthy, reachable peer with a shorter queue, so the client
/// can offer its user to go there. Nothing is ever moved without the user.
/// </summary>
public sealed class PeerSuggestion(PeerViews views, JobRepository jobs, IOptions<MesaOptions> options)
{
    /// <summary>The <c>suggested_server</c> of a <c>POST /jobs</c> reply; null when routing is off, the queue is short or no peer fits.</summary>
    public object? ForNewJob()
    {
        var routing = options.Value.Peers.Routing;
        if (!routing.Enabled) return null;
        var queued = jobs.Queued().Count;
        if (queued <= routing.QueueThreshold) return null;
        var best = views.Current()
            .Where(p => p is { State: PeerEntry.Reachable, Status: { Health: PeerStatus.Healthy } } && p.Status.QueueLength < queued)
            .OrderBy(p => p.Status!.QueueLength).ThenBy(p => p.Status!.RunningJobs).ThenBy(p => p.Peer.Label, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best is null) return null;
        return new
        {
            base_url = best.Status!.Profile.Profile.Server.BaseUrl,
            label = best.Peer.Label,
            root_fingerprint = best.Peer.RootFingerprint,
            queue_length = best.Status.QueueLength,
            running_jobs = best.Status.RunningJobs,
            queue_length_here = queued,
            profile = JsonSerializer.Deserialize<JsonElement>(best.Status.Profile.ToJson()),
        };
    }
}
