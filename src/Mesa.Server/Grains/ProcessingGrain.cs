using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Processing;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Grains;

/// <summary>
/// A silo's processing slot. The run itself belongs to <see cref="LocalRuns"/> (a thread of its own, outside the grain
/// scheduler); this grain only decides whether the slot is free, hands jobs over and reports the slot to the queue
/// every tick, which also brings the queue back quickly on another silo after its own silo died.
/// </summary>
[SiloTargetedPlacement]
public sealed class ProcessingGrain(LocalNode node, LocalRuns runs, JobRunner runner, IGrainFactory grains, IOptions<MesaOptions> options,
    ILogger<ProcessingGrain> logger) : Grain, IProcessingGrain
{
    private string? _running;

    private string Silo => this.GetPrimaryKeyString();

    private TimeSpan Tick => TimeSpan.FromSeconds(options.Value.Cluster.QueueTickSeconds);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ReportAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Tick) { KeepAlive = true, Interleave = true });
        return Task.CompletedTask;
    }

    public Task WakeAsync() => Task.CompletedTask;

    public Task<SiloSlot> DescribeAsync() => Task.FromResult(Slot());

    public async Task<StartOutcome> StartAsync(string jobId, bool requiresGpu)
    {
        if (_running is not null || !node.AcceptsJobs || runs.Stopping || (requiresGpu && !node.Gpu)) return StartOutcome.Busy;
        var job = await grains.GetGrain<IJobGrain>(jobId).StartRunAsync(Silo);
        if (job is null) return StartOutcome.NotQueued;
        _running = jobId;
        // Only values cross into the run's thread: it must never touch this grain's state.
        var self = this.AsReference<IProcessingGrain>();
        var silo = Silo;
        runs.Start(job.Id, async (cancel, shutdown) =>
        {
            try
            {
                await runner.RunAsync(job, silo, cancel, shutdown);
            }
            finally
            {
                await TellEndedAsync(self, silo, job.Id, logger);
            }
        });
        return StartOutcome.Started;
    }

    public Task CancelAsync(string jobId)
    {
        runs.Cancel(jobId);
        return Task.CompletedTask;
    }

    public async Task RunEndedAsync(string jobId)
    {
        if (_running == jobId) _running = null;
        await ReportAsync();
    }

    private SiloSlot Slot() => new(Silo, node.Address, node.Version, node.Cores, node.MemoryBytes, node.Gpu, node.AcceptsJobs && !runs.Stopping,
        node.StartedAt, _running);

    private async Task ReportAsync()
    {
        try
        {
            // Bounded: a grain timer waits for its callback before the next tick, and a call to a queue whose silo
            // just died can wait for the response timeout; the next tick finds the queue wherever it is placed again.
            await grains.GetGrain<IQueueGrain>(QueueGrain.Key).ReportSlotAsync(Slot()).WaitAsync(Tick);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The queue's silo died and the queue is not placed again yet: the next tick reaches it.
            logger.LogDebug("Reporting slot {Silo} to the queue failed: {Problem}", Silo, e.Message);
        }
    }

    /// <summary>Frees the slot from the run's own thread; retried while the silo is up, since a lost message would leave it busy.</summary>
    private static async Task TellEndedAsync(IProcessingGrain self, string silo, string jobId, ILogger logger)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await self.RunEndedAsync(jobId);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("Freeing slot {Silo} after job {JobId} failed: {Problem}", silo, jobId, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
