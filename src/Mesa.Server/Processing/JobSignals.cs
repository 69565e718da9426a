using System.Collections.Concurrent;

namespace Mesa.Server.Processing;

/// <summary>
/// Wake-ups on this node: "a job was queued or a node freed" (for the dispatcher), "a job was placed on this node"
/// (for its worker) and "cancel this running job". On PostgreSQL they also arrive from other nodes through
/// LISTEN/NOTIFY (<see cref="Cluster.ClusterNotifications"/>). The database stays the source of truth; these only cut waiting.
/// </summary>
public sealed class JobSignals
{
    private readonly SemaphoreSlim _queued = new(0);
    private readonly SemaphoreSlim _assigned = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    public void JobQueued() => Pulse(_queued);

    public Task<bool> WaitForQueuedAsync(TimeSpan timeout, CancellationToken cancellation) => _queued.WaitAsync(timeout, cancellation);

    public void JobAssigned() => Pulse(_assigned);

    public Task<bool> WaitForAssignedAsync(TimeSpan timeout, CancellationToken cancellation) => _assigned.WaitAsync(timeout, cancellation);

    public void Started(string jobId, CancellationTokenSource cancel) => _running[jobId] = cancel;

    public void Ended(string jobId) => _running.TryRemove(jobId, out _);

    public void Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var cancel)) cancel.Cancel();
    }

    // At most one pending wake-up: waiters re-read the database, so several signals mean the same as one.
    private static void Pulse(SemaphoreSlim signal)
    {
        if (signal.CurrentCount == 0) signal.Release();
    }
}
