using Mesa.Server.Grains;
using Mesa.Server.Security;
using Orleans.Runtime;

namespace Mesa.Server.Endpoints;

/// <summary>
/// <c>GET /admin/cluster</c>: Orleans membership (every silo seen in the last hour, its status and last liveness
/// write) joined with what each silo's processing slot last told the queue (HTTP address, version, capabilities,
/// running job). The dispatcher is the silo hosting the queue grain.
/// </summary>
public static class ClusterEndpoints
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static void MapCluster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/cluster", async (IGrainFactory grains, TimeProvider clock) => Results.Ok(await SnapshotAsync(grains, clock)))
            .AddEndpointFilter<AdminKeyGuard>().WithTags("admin");
    }

    /// <summary>The members and their state; also on the admin console's server page.</summary>
    public static async Task<object> SnapshotAsync(IGrainFactory grains, TimeProvider clock)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var queue = await QueueViewAsync(grains);
        var slots = queue?.Slots.ToDictionary(s => s.Silo) ?? [];
        var since = clock.GetUtcNow() - Window;
        var members = hosts.Where(h => h.Status != SiloStatus.Dead || h.IAmAliveTime >= since.UtcDateTime)
            .OrderByDescending(h => h.StartTime).ThenBy(h => h.SiloAddress.ToParsableString()).ToList();
        return new
        {
            dispatcher = queue?.Silo,
            healthy_nodes = members.Count(m => m.Status == SiloStatus.Active),
            queued_jobs = queue?.Queued,
            nodes = members.Select(m =>
            {
                var id = SiloKey.Of(m.SiloAddress);
                var slot = slots.GetValueOrDefault(id);
                return new
                {
                    id,
                    address = slot?.Address,
                    version = slot?.Version,
                    role = id == queue?.Silo ? "dispatcher" : slot is { AcceptsJobs: false } ? "api" : "worker",
                    health = Health(m.Status),
                    cores = slot?.Cores,
                    memory_bytes = slot?.MemoryBytes,
                    gpu = slot?.Gpu,
                    gpu_model = slot?.GpuModel,
                    started_at = new DateTimeOffset(m.StartTime, TimeSpan.Zero),
                    heartbeat_at = new DateTimeOffset(m.IAmAliveTime, TimeSpan.Zero),
                    running_job = slot?.RunningJob,
                    silo_status = m.Status.ToString(),
                    silo_address = m.SiloAddress.ToString(),
                    silo_name = m.SiloName,
                };
            }),
        };
    }

    /// <summary>Null while the queue's silo died and the queue is not placed again yet (until membership declares that silo dead).</summary>
    private static async Task<QueueView?> QueueViewAsync(IGrainFactory grains)
    {
        try
        {
            return await grains.GetGrain<IQueueGrain>(QueueGrain.Key).ViewAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return null;
        }
    }

    private static string Health(SiloStatus status) => status switch
    {
        SiloStatus.Active => "healthy",
        SiloStatus.Dead => "dead",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "stopping",
        _ => "joining",
    };
}
