namespace Mesa.Server.Grains;

/// <summary>What a processing grain did with a job the queue offered it.</summary>
public enum StartOutcome
{
    /// <summary>The job runs there now.</summary>
    Started,

    /// <summary>The silo runs another job, takes no jobs, is shutting down, or its data disk is short of free space.</summary>
    Busy,

    /// <summary>The job was not queued any more (cancelled, or started elsewhere).</summary>
    NotQueued,
}
