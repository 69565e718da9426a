using Mesa.Server.Cluster;
using Mesa.Server.Processing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Mesa.Server.Grains;

/// <summary>
/// Brings this silo's processing slot up once the silo runs, and on shutdown stops the silo's job runs and waits
/// until each has handed its job back to the queue. Registered after the silo, so it stops while the silo still runs.
/// </summary>
public sealed class ProcessingSlotHost(IGrainFactory grains, ILocalSiloDetails silo, LocalNode node, LocalRuns runs, IServer server,
    IHostApplicationLifetime lifetime, ILogger<ProcessingSlotHost> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            node.Address = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            logger.LogInformation("Silo {Silo} (version {Version}, {Cores} cores, GPU {Gpu}, takes jobs {AcceptsJobs}) serves HTTP at {Address}",
                SiloKey.Of(silo.SiloAddress), node.Version, node.Cores, node.Gpu, node.AcceptsJobs, node.Address);
        });
        await grains.GetGrain<IProcessingGrain>(SiloKey.Of(silo.SiloAddress)).WakeAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => runs.ShutdownAsync().WaitAsync(cancellationToken);
}
