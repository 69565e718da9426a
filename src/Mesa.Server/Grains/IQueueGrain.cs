using Orleans.Concurrency;

namespace Mesa.Server.Grains;

/// <summary>
/// The cluster's one queue (key <see cref="QueueGrain.Key"/>): queued jobs by user priority then age, handed one at a
/// time to free processing slots whose silo fits; the jobs of lost silos go back to it.
/// </summary>
[Alias("Mesa.IQueueGrain")]
public interface IQueueGrain : IGrainWithIntegerKey
{
    /// <summary>A silo's processing slot as it is now; every silo reports every tick.</summary>
    [AlwaysInterleave]
    [Alias("ReportSlot")]
    Task ReportSlotAsync(SiloSlot slot);

    /// <summary>A job entered the queue (uploaded, requeued): it is placed as soon as a slot fits.</summary>
    [AlwaysInterleave]
    [Alias("JobQueued")]
    Task JobQueuedAsync(string jobId);

    /// <summary>1 for the next job to run; null when the job is not queued.</summary>
    [AlwaysInterleave]
    [Alias("Position")]
    Task<long?> PositionAsync(string jobId);

    [AlwaysInterleave]
    [Alias("View")]
    Task<QueueView> ViewAsync();

    /// <summary>One dispatch pass, asked for by the queue itself when something changed.</summary>
    [OneWay]
    [Alias("Dispatch")]
    Task DispatchAsync();
}
