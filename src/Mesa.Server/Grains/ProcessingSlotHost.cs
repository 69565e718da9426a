using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Processing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Grains;

/// <summary>
/// Keeps this silo's processing slot reporting to the queue every tick while the silo runs, and on shutdown stops the
/// silo's job runs and waits until each has handed its job back to the queue. Registered after the silo, so it stops
/// while the silo still runs.
/// </summary>
public sealed class ProcessingSlotHost(IGrainFactory grains, ILocalSiloDetails silo, LocalNode node, LocalRuns runs, IServer server,
    IHostApplicationLifetime lifetime, IOptions<MesaOptions> options, ILogger<ProcessingSlotHost> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _reporting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            node.Address = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            logger.LogInformation("Silo {Silo} (version {Version}, {Cores} cores, GPU {Gpu}, takes jobs {AcceptsJobs}) serves HTTP at {Address}",
                SiloKey.Of(silo.SiloAddress), node.Version, node.Cores, node.Gpu, node.AcceptsJobs, node.Address);
        });
        _reporting = ReportEveryTickAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _reporting;
        await runs.ShutdownAsync().WaitAsync(cancellationToken);
    }

    private async Task ReportEveryTickAsync(CancellationToken stopping)
    {
        var slot = grains.GetGrain<IProcessingGrain>(SiloKey.Of(silo.SiloAddress));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Cluster.QueueTickSeconds));
        do
        {
            try
            {
                await slot.ReportAsync();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogDebug("Reporting this silo's slot failed: {Problem}", e.Message);
            }
        }
        while (await WaitForTickAsync(timer, stopping));
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
