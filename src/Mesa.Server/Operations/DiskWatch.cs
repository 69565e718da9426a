using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// Checks the data folder's disk every <see cref="OperationsOptions.DiskCheckSeconds"/>, so a disk filling up alerts the
/// admins even while no job waits at <see cref="JobDiskGate"/>.
/// </summary>
public sealed class DiskWatch(FreeDisk disk, DiskPressure pressure, LocalNode node, IOptions<MesaOptions> options, ILogger<DiskWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Operations.DiskCheckSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (disk.Shortage() is { } shortage) await pressure.AlertAsync(node.Address ?? Environment.MachineName, shortage);
                }
                catch (IOException e)
                {
                    logger.LogWarning("Could not read the data folder's free space: {Problem}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
