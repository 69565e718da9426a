using Mesa.Server.Grains;

namespace Mesa.Server.Operations;

/// <summary>
/// Re-checks free disk before this node starts a job. While the disk is short the job stays queued: its log says why
/// (once per job), the server log says so, and the admins are alerted (<see cref="DiskPressure"/>); the queue offers the job again
/// every tick, so it starts as soon as space is freed.
/// </summary>
public sealed class JobDiskGate(FreeDisk disk, DiskPressure pressure, IGrainFactory grains, ILogger<JobDiskGate> logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _jobsTold = [];
    private bool _short;

    /// <summary>True when the job must wait.</summary>
    public async Task<bool> HoldsAsync(string jobId, string node)
    {
        var shortage = disk.Shortage();
        bool startsShortage, tellJob;
        lock (_lock)
        {
            if (shortage is null)
            {
                if (_short) logger.LogInformation("The data folder's disk has room again; held jobs start");
                _short = false;
                _jobsTold.Clear();
                return false;
            }
            startsShortage = !_short;
            _short = true;
            tellJob = _jobsTold.Add(jobId);
        }
        if (tellJob)
        {
            logger.LogWarning("Job {JobId} stays queued: {Shortage}", jobId, shortage);
            await grains.GetGrain<IJobGrain>(jobId).AppendLogAsync(nameof(LogLevel.Warning), $"Waiting in the queue: {shortage}. The job starts once space is freed.");
        }
        // Off the caller's turn: mailing the admins must not hold up the queue's offer.
        if (startsShortage) _ = Task.Run(() => pressure.AlertAsync(node, shortage));
        return true;
    }
}
