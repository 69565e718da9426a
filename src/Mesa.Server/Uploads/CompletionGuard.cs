using System.Collections.Concurrent;

namespace Mesa.Server.Uploads;

/// <summary>Lets one complete-upload per job run at a time, so two calls never unpack into the same folder at once.</summary>
public sealed class CompletionGuard
{
    private readonly ConcurrentDictionary<string, byte> _busy = new();

    /// <summary>Null when another completion of the job is in progress; dispose the result to release.</summary>
    public IDisposable? TryEnter(string jobId) => _busy.TryAdd(jobId, 0) ? new Release(() => _busy.TryRemove(jobId, out _)) : null;

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
