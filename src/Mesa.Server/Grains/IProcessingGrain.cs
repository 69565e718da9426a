using Orleans.Concurrency;

namespace Mesa.Server.Grains;

/// <summary>
/// The processing slot of one silo (key: the silo's address, placed on that silo): one job at a time, run off the
/// grain scheduler with cooperative cancellation; reports the silo's capabilities and running job to the queue.
/// </summary>
[Alias("Mesa.IProcessingGrain")]
public interface IProcessingGrain : IGrainWithStringKey
{
    /// <summary>Activates the slot (each silo calls its own at start) and reports it to the queue.</summary>
    [Alias("Wake")]
    Task WakeAsync();

    [ReadOnly]
    [Alias("Describe")]
    Task<SiloSlot> DescribeAsync();

    /// <summary>Takes the job when the slot is free; returns at once, the run goes on in the background.</summary>
    [Alias("Start")]
    Task<StartOutcome> StartAsync(string jobId, bool requiresGpu);

    /// <summary>Stops the job's run within seconds, if it runs here.</summary>
    [AlwaysInterleave]
    [Alias("Cancel")]
    Task CancelAsync(string jobId);

    /// <summary>The background run of the job has ended (whatever the outcome): the slot is free again.</summary>
    [Alias("RunEnded")]
    Task RunEndedAsync(string jobId);
}
