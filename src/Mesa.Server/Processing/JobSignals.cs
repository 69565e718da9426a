using System.Collections.Concurrent;

namespace Mesa.Server.Processing;

/// <summary>
/// In-process signals between the API and the dispatcher on this node: "a job was queued" and
/// "cancel this running job". The database stays the source of truth; these only cut waiting.
/// </summary>
public sealed class JobSignals
{
    private readonly SemaphoreSlim _queued = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    public void JobQueued()
    {
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    public Task<bool> WaitForQueuedAsync(TimeSpan timeout, CancellationToken cancellation) => _queued.WaitAsync(timeout, cancellation);

    public void Started(string jobId, CancellationTokenSource cancel) => _running[jobId] = cancel;

    public void Ended(string jobId) => _running.TryRemove(jobId, out _);

    public void Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var cancel)) cancel.Cancel();
    }
}
