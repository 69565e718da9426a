using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Operations;
using Mesa.Server.Processing;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Grains;

/// <summary>
/// A silo's processing slot. The run itself belongs to <see cref="LocalRuns"/> (a thread of its own, outside the grain
/// scheduler), which is also the slot's memory: an activation holds no state, so one that Orleans deactivated and
/// activated again still knows the job running here. The grain decides whether the slot is free, hands jobs over and
/// reports the slot to the queue, which also brings the queue back quickly on another silo after its own silo died.
/// </summary>
[SiloTargetedPlacement]
public sealed class ProcessingGrain(LocalNode node, LocalRuns runs, JobRunner runner, JobDiskGate diskGate, IGrainFactory grains, IOptions<MesaOptions> options,
    ILogger<ProcessingGrain> logger) : Grain, IProcessingGrain
{
    private string Silo => this.GetPrimaryKeyString();

    private TimeSpan Tick => TimeSpan.FromSeconds(options.Value.Cluster.QueueTickSeconds);

    public async Task<StartOutcome> StartAsync(string jobId, bool requiresGpu)
    {
        if (runs.Current is not null || !node.AcceptsJobs || runs.Stopping || (requiresGpu && !node.Gpu)) return StartOutcome.Busy;
        // A job held for disk space stays queued (offered again every tick), like one that finds the slot busy.
        if (await diskGate.HoldsAsync(jobId, Silo)) return StartOutcome.Busy;
        var job = await grains.GetGrain<IJobGrain>(jobId).StartRunAsync(Silo);
        if (job is null) return StartOutcome.NotQueued;
        // Only values cross into the run's thread: it must never touch this grain's state.
        var self = this.AsReference<IProcessingGrain>();
        var silo = Silo;
        runs.Start(job.Id, async (cancel, shutdown) =>
        {
            try
            {
                await runner.RunAsync(job, silo, cancel, shutdown);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogError("Job {JobId}: the run could not reach its job grain for minutes ({Problem}); the queue will send the job again", job.Id, e.Message);
            }
        }, () => TellEndedAsync(self, silo, job.Id, logger));
        return StartOutcome.Started;
    }

    public Task CancelAsync(string jobId)
    {
        runs.Cancel(jobId);
        return Task.CompletedTask;
    }

    public Task<bool> IsRunningAsync(string jobId) => Task.FromResult(runs.IsRunning(jobId));

    public async Task ReportAsync()
    {
        var slot = new SiloSlot(Silo, node.Address, node.Version, node.Cores, node.MemoryBytes, node.Gpu, node.AcceptsJobs && !runs.Stopping,
            node.StartedAt, runs.Current, node.GpuModel);
        try
        {
            // Bounded: a call to a queue whose silo just died can wait for the response timeout; the next tick
            // finds the queue wherever it is placed again.
            await grains.GetGrain<IQueueGrain>(QueueGrain.Key).ReportSlotAsync(slot).WaitAsync(Tick);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The queue's silo died and the queue is not placed again yet: the next tick reaches it.
            logger.LogDebug("Reporting slot {Silo} to the queue failed: {Problem}", Silo, e.Message);
        }
    }

    /// <summary>Reports the freed slot at once, so the queue hands over the next job without waiting for a tick.</summary>
    private static async Task TellEndedAsync(IProcessingGrain self, string silo, string jobId, ILogger logger)
    {
        try
        {
            await self.ReportAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The silo's host reports every tick anyway.
            logger.LogDebug("Reporting slot {Silo} free after job {JobId} failed: {Problem}", silo, jobId, e.Message);
        }
    }
}
