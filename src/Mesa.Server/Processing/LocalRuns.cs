using System.Collections.Concurrent;

namespace Mesa.Server.Processing;

/// <summary>
/// The job runs of this silo, each on a thread of its own outside the grain scheduler, with the two ways one stops:
/// its owner cancels it, or the silo shuts down (the run then requeues its job before the process exits).
/// </summary>
public sealed class LocalRuns : IDisposable
{
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Cancel, Task Run)> _runs = new();
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Set once shutdown began: the slot takes no new job.</summary>
    public bool Stopping => _shutdown.IsCancellationRequested;

    /// <summary>Starts <paramref name="run"/> (given the owner's cancel token and the shutdown token) on a thread of its own.</summary>
    public void Start(string jobId, Func<CancellationTokenSource, CancellationToken, Task> run)
    {
        var cancel = new CancellationTokenSource();
        var task = Task.Factory.StartNew(() => run(cancel, _shutdown.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _runs[jobId] = (cancel, task);
        task.ContinueWith(_ =>
        {
            _runs.TryRemove(jobId, out var _);
            cancel.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Cancel(string jobId)
    {
        if (_runs.TryGetValue(jobId, out var run)) run.Cancel.Cancel();
    }

    /// <summary>Stops every run for shutdown and waits until each has handed its job back.</summary>
    public async Task ShutdownAsync()
    {
        await _shutdown.CancelAsync();
        await Task.WhenAll(_runs.Values.Select(r => r.Run));
    }

    public void Dispose() => _shutdown.Dispose();
}
