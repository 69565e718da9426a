using Orleans.Concurrency;

namespace Mesa.Server.Grains;

/// <summary>
/// The processing slot of one silo (key: the silo's address, placed on that silo): one job at a time, run off the
/// grain scheduler with cooperative cancellation; reports the silo's capabilities and running job to the queue.
/// </summary>
[Alias("Mesa.IProcessingGrain")]
public interface IProcessingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reports the slot to the queue. The silo's host calls it every tick, which also activates the slot again
    /// should Orleans have deactivated it (its directory entry lived on a silo that died).
    /// </summary>
    [AlwaysInterleave]
    [Alias("Report")]
    Task ReportAsync();

    /// <summary>Takes the job when the slot is free; returns at once, the run goes on in the background.</summary>
    [Alias("Start")]
    Task<StartOutcome> StartAsync(string jobId, bool requiresGpu);

    /// <summary>Stops the job's run within seconds, if it runs here.</summary>
    [AlwaysInterleave]
    [Alias("Cancel")]
    Task CancelAsync(string jobId);

    /// <summary>
    /// Whether a run of the job is under way here. Not interleaved: a start in progress answers once it is done, so
    /// the queue never mistakes a job being handed over for one whose run was lost.
    /// </summary>
    [Alias("IsRunning")]
    Task<bool> IsRunningAsync(string jobId);
}
