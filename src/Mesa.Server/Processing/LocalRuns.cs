using System.Collections.Concurrent;

namespace Mesa.Server.Processing;

/// <summary>
/// The job runs of this silo, each on a thread of its own outside the grain scheduler, with the two ways one stops:
/// its owner cancels it, or the silo shuts down (the run then requeues its job before the process exits). It outlives
/// any activation of the silo's processing grain, so it is where the slot's state lives.
/// </summary>
public sealed class LocalRuns : IDisposable
{
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Cancel, Task Run)> _runs = new();
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Set once shutdown began: the slot takes no new job.</summary>
    public bool Stopping => _shutdown.IsCancellationRequested;

    /// <summary>The job running here, if any (a silo runs one at a time).</summary>
    public string? Current => _runs.Keys.FirstOrDefault();

    public bool IsRunning(string jobId) => _runs.ContainsKey(jobId);

    /// <summary>
    /// Starts <paramref name="run"/> (given the owner's cancel token and the shutdown token) on a thread of its own;
    /// <paramref name="ended"/> is called once the run is no longer listed.
    /// </summary>
    public void Start(string jobId, Func<CancellationTokenSource, CancellationToken, Task> run, Func<Task> ended)
    {
        var cancel = new CancellationTokenSource();
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Factory.StartNew(async () =>
        {
            // Listed before it runs, so even a run that ends at once is unlisted after it was listed.
            await listed.Task;
            try
            {
                await run(cancel, _shutdown.Token);
            }
            finally
            {
                _runs.TryRemove(jobId, out _);
                await ended();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _runs[jobId] = (cancel, task);
        listed.SetResult();
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
