using Orleans.Concurrency;

using Mesa.Server.Storage;

namespace Mesa.Server.Grains;

/// <summary>
/// One job (key: job id): the state machine awaiting_upload -> queued -> running -> finished / failed / cancelled.
/// It is the only writer of its <c>jobs</c> row, stage checkpoints and log, and answers status polls from memory.
/// Transitions of a running job name the silo running it, so a silo that lost the job can no longer change it.
/// </summary>
[Alias("Mesa.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>The row as this grain holds it; null for an unknown job.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<JobRecord?> GetAsync();

    /// <summary>The owner's view; null when <paramref name="userId"/> does not own the job (others' jobs look missing).</summary>
    [ReadOnly]
    [Alias("Detail")]
    Task<JobDetail?> DetailAsync(string userId, int logLines);

    [Alias("RecordUpload")]
    Task<bool> RecordUploadAsync(long bytes, string sha256);

    /// <summary>awaiting_upload -> queued, and the queue is told.</summary>
    [Alias("Enqueue")]
    Task<bool> EnqueueAsync();

    /// <summary>queued -> running on <paramref name="silo"/> (a new run); null when the job is not queued any more.</summary>
    [Alias("StartRun")]
    Task<JobRecord?> StartRunAsync(string silo);

    [Alias("ReportProgress")]
    Task ReportProgressAsync(string silo, string stage, double fraction);

    [Alias("StartStage")]
    Task StartStageAsync(long run, string stage);

    [Alias("FinishStage")]
    Task FinishStageAsync(long run, string stage, double seconds);

    [Alias("AppendLog")]
    Task AppendLogAsync(string level, string message);

    /// <summary>Whether <paramref name="silo"/> still runs the job.</summary>
    [ReadOnly]
    [Alias("Holds")]
    Task<bool> HoldsAsync(string silo);

    [Alias("Finish")]
    Task<bool> FinishAsync(string silo, long outputBytes);

    [Alias("Fail")]
    Task<bool> FailAsync(string silo, string error);

    [Alias("MarkCancelled")]
    Task<bool> MarkCancelledAsync(string silo);

    /// <summary>running on <paramref name="silo"/> -> queued: the silo was lost or is shutting down.</summary>
    [Alias("Requeue")]
    Task<bool> RequeueAsync(string silo);

    /// <summary>The owner or an admin cancels: at once when not running, else the running silo is asked to stop.</summary>
    [Alias("Cancel")]
    Task<CancelOutcome> CancelAsync();

    /// <summary>An admin sends an ended job back to the queue for a fresh run.</summary>
    [Alias("AdminRequeue")]
    Task<bool> AdminRequeueAsync();

    [Alias("SetPriority")]
    Task<bool> SetPriorityAsync(long priority);

    [Alias("MarkDownloaded")]
    Task MarkDownloadedAsync();

    [Alias("MarkPurged")]
    Task MarkPurgedAsync();

    /// <summary>An admin deletes a job that is not running, with its log; false when it runs or is gone.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}
