using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Grains;

/// <summary>
/// The queue. The store is its truth: each pass re-reads the queued and running jobs, so the grain can be placed
/// again on any silo (after its own died) and carry on where the last one stopped. A pass runs every tick and
/// whenever a job is queued or a slot frees: it requeues the jobs of silos that membership declared dead, then offers
/// queued jobs to free slots, silos other than its own first (the queue's silo has the queue to mind). A reminder
/// (stored with the cluster's reminders) activates it again after its silo died even when no silo calls it.
/// </summary>
public sealed class QueueGrain(JobRepository jobs, IClusterMembershipService membership, ILocalSiloDetails local, IGrainFactory grains,
    IOptions<MesaOptions> options, ILogger<QueueGrain> logger) : Grain, IQueueGrain, IRemindable
{
    public const long Key = 0;

    private const string KeepActiveReminder = "keep-active";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, SiloSlot> _slots = [];
    private IReadOnlyList<(string JobId, bool RequiresGpu)> _order = [];
    private bool _passRequested;
    private Task? _keepActive;

    private string Silo => SiloKey.Of(local.SiloAddress);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _order = jobs.Queued();
        logger.LogInformation("The queue is active on silo {Silo} with {Count} queued jobs", Silo, _order.Count);
        var tick = TimeSpan.FromSeconds(options.Value.Cluster.QueueTickSeconds);
        this.RegisterGrainTimer(PassAsync, new GrainTimerCreationOptions(tick, tick) { KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <summary>Only its delivery matters: it activates the queue; a pass runs as on any tick.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => PassAsync();

    public Task ReportSlotAsync(SiloSlot slot)
    {
        _slots[slot.Silo] = slot;
        if (slot is { AcceptsJobs: true, RunningJob: null } && _order.Count > 0) RequestPass();
        return Task.CompletedTask;
    }

    public Task JobQueuedAsync(string jobId)
    {
        _order = jobs.Queued();
        RequestPass();
        return Task.CompletedTask;
    }

    public Task<long?> PositionAsync(string jobId)
    {
        for (var i = 0; i < _order.Count; i++)
            if (_order[i].JobId == jobId) return Task.FromResult<long?>(i + 1);
        return Task.FromResult<long?>(null);
    }

    public Task<QueueView> ViewAsync() => Task.FromResult(new QueueView(Silo, _slots.Values.ToList(), _order.Count));

    public Task DispatchAsync()
    {
        _passRequested = false;
        return PassAsync();
    }

    private void RequestPass()
    {
        if (_passRequested) return;
        _passRequested = true;
        this.AsReference<IQueueGrain>().DispatchAsync().Ignore();
    }

    private async Task PassAsync()
    {
        KeepActive();
        var members = membership.CurrentSnapshot;
        await RequeueLostAsync(members);
        _order = jobs.Queued();
        foreach (var gone in _slots.Keys.Where(s => !IsActive(members, s)).ToList()) _slots.Remove(gone);
        if (_order.Count == 0) return;

        var free = _slots.Values.Where(s => s is { AcceptsJobs: true, RunningJob: null })
            .OrderBy(s => s.Silo == Silo).ThenBy(s => s.StartedAt).ToList();
        foreach (var (jobId, requiresGpu) in _order)
        {
            while (free.FirstOrDefault(s => s.Gpu || !requiresGpu) is { } slot)
            {
                free.Remove(slot);
                var outcome = await OfferAsync(slot, jobId, requiresGpu);
                if (outcome == StartOutcome.Started) _slots[slot.Silo] = slot with { RunningJob = jobId };
                // Busy: the slot's report was behind; the job tries the next slot. Otherwise the job is placed or gone.
                if (outcome != StartOutcome.Busy) break;
            }
            if (free.Count == 0) break;
        }
        _order = jobs.Queued();
    }

    /// <summary>
    /// Registers the reminder in the background, again after a failure: right after a silo died its part of the
    /// reminder table may have no live owner yet, and waiting for it would hold up the queue.
    /// </summary>
    private void KeepActive()
    {
        if (_keepActive is { IsCompletedSuccessfully: true } || _keepActive is { IsCompleted: false }) return;
        if (_keepActive is { Exception: { } failed }) logger.LogWarning("Registering the queue's reminder failed: {Problem}; trying again", failed.GetBaseException().Message);
        _keepActive = this.RegisterOrUpdateReminder(KeepActiveReminder, ReminderPeriod, ReminderPeriod);
    }

    private async Task<StartOutcome> OfferAsync(SiloSlot slot, string jobId, bool requiresGpu)
    {
        try
        {
            // Bounded, so a silo that died since its last report cannot hold up the queue until the response timeout.
            // Should the job have started there after all, the store says so and the next pass leaves it alone.
            var outcome = await grains.GetGrain<IProcessingGrain>(slot.Silo).StartAsync(jobId, requiresGpu).WaitAsync(OfferTimeout);
            if (outcome == StartOutcome.Started) logger.LogInformation("Job {JobId} placed on silo {Silo} ({Address})", jobId, slot.Silo, slot.Address);
            return outcome;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The silo died or is unreachable: membership will say so, and its slot drops out.
            logger.LogWarning("Offering job {JobId} to silo {Silo} failed: {Problem}", jobId, slot.Silo, e.Message);
            return StartOutcome.Busy;
        }
    }

    /// <summary>
    /// Sends back to the queue every running job whose silo membership declared dead, or which is missing from the
    /// membership table while older than this silo (a previous process on an embedded node, a long-gone member), or
    /// whose silo is alive but runs no such job (its run could not record its ending while the cluster changed).
    /// </summary>
    private async Task RequeueLostAsync(ClusterMembershipSnapshot members)
    {
        foreach (var (jobId, silo) in jobs.Running())
        {
            var address = SiloKey.Parse(silo);
            var status = address is null ? SiloStatus.None : members.GetSiloStatus(address);
            try
            {
                var lost = status == SiloStatus.Dead || (status == SiloStatus.None && (address is null || address.Generation < local.SiloAddress.Generation))
                    || (status == SiloStatus.Active && await RunIsMissingAsync(silo, jobId));
                if (lost && await grains.GetGrain<IJobGrain>(jobId).RequeueAsync(silo))
                    logger.LogWarning("Job {JobId}: silo {Silo} ({Status}) no longer runs it; the job is queued again", jobId, silo, status);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("Requeueing job {JobId} of silo {Silo} failed: {Problem}; trying again next tick", jobId, silo, e.Message);
            }
        }
    }

    /// <summary>Asks the silo only when its last report names another job (or none): the usual case costs no call.</summary>
    private async Task<bool> RunIsMissingAsync(string silo, string jobId) =>
        _slots.TryGetValue(silo, out var slot) && slot.RunningJob != jobId
        && !await grains.GetGrain<IProcessingGrain>(silo).IsRunningAsync(jobId).WaitAsync(OfferTimeout);

    private static bool IsActive(ClusterMembershipSnapshot members, string silo) =>
        SiloKey.Parse(silo) is { } address && members.GetSiloStatus(address) == SiloStatus.Active;
}
