using System.Collections.Concurrent;

namespace Mesa.Server.Admin.Security;

/// <summary>The job reads <see cref="JobAccessAudit"/> recorded lately, by caller, job and route; one per node.</summary>
public sealed class RecentJobReads
{
    private readonly ConcurrentDictionary<string, long> _recorded = new();

    /// <summary>True (and remembered) when this read was not recorded within <paramref name="window"/>.</summary>
    public bool IsNew(string key, TimeSpan window)
    {
        var now = Environment.TickCount64;
        var windowMs = (long)window.TotalMilliseconds;
        if (_recorded.TryGetValue(key, out var last) && now - last < windowMs) return false;
        _recorded[key] = now;
        // Bounded: old keys go whenever the map grows large.
        if (_recorded.Count > 10_000)
            foreach (var (stale, at) in _recorded)
                if (now - at >= windowMs) _recorded.TryRemove(stale, out _);
        return true;
    }
}
