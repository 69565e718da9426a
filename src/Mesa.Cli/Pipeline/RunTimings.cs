using System.Diagnostics;
using System.Runtime;
using System.Text.Json;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// Where a <c>process</c> run's time goes, for <c>process --timings FILE</c> (bench/fixed.sh): each phase from the
/// process start to the summary, with the methods the JIT compiled in it and the time the JIT took (on all threads).
/// The runtime's start is read from the process start time (10 ms resolution on Linux); what follows the summary
/// (runtime shutdown) is the wall time measured outside less the phases' sum.
/// </summary>
internal sealed class RunTimings
{
    private readonly List<Phase> _phases = [];
    private long _last = StartupClock.MainEntered;
    private long _lastMethods;
    private TimeSpan _lastJit;

    public RunTimings()
    {
        var beforeMain = DateTime.Now - Process.GetCurrentProcess().StartTime - Stopwatch.GetElapsedTime(StartupClock.MainEntered);
        _phases.Add(new Phase("runtime start", beforeMain.TotalSeconds, 0, 0));
    }

    /// <summary>Closes the phase that ran since the previous mark.</summary>
    public void Mark(string phase) => Add(phase, Stopwatch.GetElapsedTime(_last).TotalSeconds);

    /// <summary>
    /// Closes a pipeline stage the pipeline timed itself (<paramref name="stageSeconds"/>); what ran between the previous
    /// mark and the stage's start (before prep: pre-flight and clearing old outputs) becomes a phase of its own.
    /// </summary>
    public void MarkStage(string stage, double stageSeconds)
    {
        var sinceLast = Stopwatch.GetElapsedTime(_last).TotalSeconds;
        if (sinceLast - stageSeconds > 0.0005) _phases.Add(new Phase($"before {stage}", sinceLast - stageSeconds, 0, 0));
        Add(stage, Math.Min(stageSeconds, sinceLast));
    }

    private void Add(string phase, double seconds)
    {
        _last = Stopwatch.GetTimestamp();
        var methods = JitInfo.GetCompiledMethodCount();
        var jit = JitInfo.GetCompilationTime();
        _phases.Add(new Phase(phase, seconds, methods - _lastMethods, (jit - _lastJit).TotalSeconds));
        _lastMethods = methods;
        _lastJit = jit;
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new
    {
        phases = _phases.Select(p => new { phase = p.Name, seconds = Math.Round(p.Seconds, 4), jitted_methods = p.JittedMethods, jit_seconds = Math.Round(p.JitSeconds, 4) }),
        jitted_methods = _phases.Sum(p => p.JittedMethods),
        jit_seconds = Math.Round(_phases.Sum(p => p.JitSeconds), 4),
        gc_count = GC.CollectionCount(0),
        thread_pool_threads = ThreadPool.ThreadCount,
        loaded_assemblies = AppDomain.CurrentDomain.GetAssemblies().Length,
    }));

    private sealed record Phase(string Name, double Seconds, long JittedMethods, double JitSeconds);
}
