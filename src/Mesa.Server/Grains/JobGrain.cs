using Mesa.Server.Admin.Storage;
using Mesa.Server.Operations;
using Mesa.Server.Processing;
using Mesa.Server.Storage;

namespace Mesa.Server.Grains;

/// <summary>
/// Holds one job's row, checkpoints and log tail in memory, loaded from the store when activated. Every change is a
/// conditional write to the store first (so a duplicate activation during cluster churn can never make two
/// transitions win), then the memory is refreshed from what was written.
/// </summary>
public sealed class JobGrain(JobRepository jobs, AdminQueries queries, EtaEstimator eta, IGrainFactory grains, MesaMetrics metrics, FailedJobAlarm alarm) : Grain, IJobGrain
{
    private const int LogTailLines = 20;

    private JobRecord? _job;
    private List<StageRecord> _stages = [];
    private List<JobLogLine> _log = [];

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Reload();
        return Task.CompletedTask;
    }

    public Task<JobRecord?> GetAsync() => Task.FromResult(_job);

    public async Task<JobDetail?> DetailAsync(string userId, int logLines)
    {
        if (_job is not { } job || job.UserId != userId) return null;
        var position = job.State == JobState.Queued ? await Queue.PositionAsync(job.Id) : null;
        return new JobDetail(job, position, eta.Estimate(job), _stages, _log.TakeLast(logLines).ToList());
    }

    public Task<bool> RecordUploadAsync(long bytes, string sha256)
    {
        var recorded = Changed(jobs.RecordUpload(Id, bytes, sha256));
        if (recorded) metrics.Uploaded(bytes);
        return Task.FromResult(recorded);
    }

    public async Task<bool> EnqueueAsync()
    {
        if (!Changed(jobs.Enqueue(Id))) return false;
        Append(LogLevel.Information, "Workload accepted and queued");
        await Queue.JobQueuedAsync(Id);
        return true;
    }

    public Task<JobRecord?> StartRunAsync(string silo)
    {
        var started = jobs.Start(Id, silo);
        if (started)
        {
            Reload();
            metrics.RunStarted(_job!);
        }
        return Task.FromResult(started ? _job : null);
    }

    public Task ReportProgressAsync(string silo, string stage, double fraction)
    {
        Changed(jobs.SaveProgress(Id, silo, stage, fraction));
        return Task.CompletedTask;
    }

    public Task StartStageAsync(long run, string stage)
    {
        jobs.StartStage(Id, run, stage);
        _stages = jobs.Stages(Id).ToList();
        return Task.CompletedTask;
    }

    public Task FinishStageAsync(long run, string stage, double seconds)
    {
        jobs.FinishStage(Id, run, stage, seconds);
        _stages = jobs.Stages(Id).ToList();
        metrics.StageFinished(stage, seconds);
        return Task.CompletedTask;
    }

    public Task AppendLogAsync(string level, string message)
    {
        jobs.AppendLog(Id, level, message);
        _log.Add(new JobLogLine { AtMs = jobs.NowMs(), Level = level, Message = message });
        if (_log.Count > 2 * LogTailLines) _log.RemoveRange(0, _log.Count - LogTailLines);
        return Task.CompletedTask;
    }

    public Task<bool> HoldsAsync(string silo) => Task.FromResult(_job is { State: JobState.Running } job && job.NodeId == silo);

    public Task<bool> FinishAsync(string silo, long outputBytes) => Task.FromResult(Ended(JobState.Finished, jobs.Finish(Id, silo, outputBytes)));

    public Task<bool> FailAsync(string silo, string error)
    {
        var failed = Ended(JobState.Failed, jobs.Fail(Id, silo, error));
        // Off the grain's turn: mailing admins must not hold up the job's ending.
        if (failed) _ = Task.Run(() => alarm.JobFailedAsync(silo));
        return Task.FromResult(failed);
    }

    public Task<bool> MarkCancelledAsync(string silo) => Task.FromResult(Ended(JobState.Cancelled, jobs.MarkCancelled(Id, silo)));

    public async Task<bool> RequeueAsync(string silo)
    {
        if (!Changed(jobs.Requeue(Id, silo))) return false;
        await Queue.JobQueuedAsync(Id);
        return true;
    }

    public async Task<CancelOutcome> CancelAsync()
    {
        var before = _job;
        if (before is null || !jobs.RequestCancel(Id)) return CancelOutcome.AlreadyEnded;
        Reload();
        if (before.State != JobState.Running || before.NodeId is not { } silo)
        {
            metrics.JobEnded(JobState.Cancelled, null, jobs.NowMs());
            return CancelOutcome.Cancelled;
        }
        try
        {
            await grains.GetGrain<IProcessingGrain>(silo).CancelAsync(Id);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansException or TimeoutException)
        {
            // The silo is gone: the queue requeues the job, and the recorded request cancels it before it runs again.
        }
        return CancelOutcome.StopRequested;
    }

    public async Task<bool> AdminRequeueAsync()
    {
        if (!Changed(queries.RequeueFailed(Id))) return false;
        Append(LogLevel.Information, "Requeued by an administrator");
        await Queue.JobQueuedAsync(Id);
        return true;
    }

    public Task<bool> SetPriorityAsync(long priority) => Task.FromResult(Changed(queries.SetJobPriority(Id, priority)));

    public Task MarkDownloadedAsync()
    {
        jobs.MarkDownloaded(Id);
        Reload();
        return Task.CompletedTask;
    }

    public Task MarkPurgedAsync()
    {
        jobs.MarkPurged(Id);
        Reload();
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync()
    {
        if (!queries.DeleteJob(Id)) return Task.FromResult(false);
        Reload();
        DeactivateOnIdle();
        return Task.FromResult(true);
    }

    private IQueueGrain Queue => grains.GetGrain<IQueueGrain>(QueueGrain.Key);

    private void Append(LogLevel level, string message) => AppendLogAsync(level.ToString(), message);

    /// <summary>Refreshes the memory after a write that took effect; passes the outcome on.</summary>
    private bool Changed(bool written)
    {
        if (written) _job = jobs.Find(Id);
        return written;
    }

    /// <summary><see cref="Changed"/> for a transition that ends the job, counted by outcome.</summary>
    private bool Ended(string outcome, bool written)
    {
        if (Changed(written)) metrics.JobEnded(outcome, _job, jobs.NowMs());
        return written;
    }

    private void Reload()
    {
        _job = jobs.Find(Id);
        _stages = _job is null ? [] : jobs.Stages(Id).ToList();
        _log = _job is null ? [] : jobs.LogTail(Id, LogTailLines).ToList();
    }
}
