using Mesa.Server.Configuration;
using Mesa.Server.Processing;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Cluster;

/// <summary>Runs, one at a time, the jobs the dispatcher placed on this node; woken by the placement's notification.</summary>
public sealed class NodeWorker(JobRepository jobs, JobSignals signals, JobRunner runner, LocalNode node, IOptions<MesaOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.Processing.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (jobs.RunningOn(node.Id) is { } job)
            {
                await runner.RunAsync(job, stoppingToken);
                continue;
            }
            try
            {
                await signals.WaitForAssignedAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
