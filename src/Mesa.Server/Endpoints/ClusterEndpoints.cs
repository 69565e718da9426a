using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary><c>GET /admin/cluster</c>: every node seen in the last hour, its role, health and running job.</summary>
public static class ClusterEndpoints
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static void MapCluster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/cluster", (NodeRepository nodes, StateDatabase database, IOptions<MesaOptions> options) =>
        {
            var now = database.NowMs();
            var aliveSince = now - (long)(options.Value.Cluster.NodeTimeoutSeconds * 1000);
            var running = nodes.RunningJobs();
            var members = nodes.Recent(now - (long)Window.TotalMilliseconds);
            var healthy = members.Where(n => n.StoppedMs is null && n.HeartbeatMs >= aliveSince).ToList();
            var dispatcher = healthy.Where(n => n.DispatcherSinceMs is not null).MaxBy(n => n.DispatcherSinceMs);
            return Results.Ok(new
            {
                dispatcher = dispatcher?.Id,
                healthy_nodes = healthy.Count,
                nodes = members.Select(n => new
                {
                    id = n.Id,
                    address = n.Address,
                    version = n.Version,
                    role = n.Id == dispatcher?.Id ? "dispatcher" : n.AcceptsJobs ? "worker" : "api",
                    health = n.StoppedMs is not null ? "stopped" : n.HeartbeatMs >= aliveSince ? "healthy" : "silent",
                    cores = n.Cores,
                    memory_bytes = n.MemoryBytes,
                    gpu = n.Gpu,
                    started_at = DateTimeOffset.FromUnixTimeMilliseconds(n.StartedMs),
                    heartbeat_at = DateTimeOffset.FromUnixTimeMilliseconds(n.HeartbeatMs),
                    running_job = running.GetValueOrDefault(n.Id),
                }),
            });
        }).AddEndpointFilter<AdminKeyGuard>().WithTags("admin");
    }
}
