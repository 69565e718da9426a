using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// The Queue actor of the embedded (one node) mode: takes queued jobs by priority then age and runs
/// them strictly one at a time. Jobs a previous process left running are requeued at start.
/// </summary>
public sealed class JobDispatcher(JobRepository jobs, JobSignals signals, JobRunner runner, LocalNode node, IOptions<MesaOptions> options,
    ILogger<JobDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = jobs.RequeueOrphans();
        if (requeued > 0) logger.LogWarning("Requeued {Count} jobs left running by a previous process", requeued);
        var poll = TimeSpan.FromSeconds(options.Value.Processing.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            // The only node runs every job: the GPU stages fall back to the CPU where there is no GPU.
            var job = jobs.TakeNext(node.Id, gpu: true, node.LeaseUntilMs());
            if (job is null)
            {
                try
                {
                    await signals.WaitForQueuedAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            await runner.RunAsync(job, stoppingToken);
        }
    }
}
