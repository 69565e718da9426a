using System.Diagnostics;
using System.Runtime;
using System.Text.Json;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// Where a <c>process</c> run's time goes, for <c>process --timings FILE</c> (bench/fixed.sh): each phase from the
/// process start to the summary, with the methods the JIT compiled in it, the time the JIT took (on all threads) and
/// the memory allocated in it (all threads; a stage's phase also takes what was allocated since the previous mark).
/// The runtime's start is read from the process start time (10 ms resolution on Linux); what follows the summary
/// (runtime shutdown) is the wall time measured outside less the phases' sum. For the whole run: the collections, and
/// how many of them reached generations 1 and 2 (a full collection marks every live object).
/// </summary>
internal sealed class RunTimings
{
    private readonly List<Phase> _phases = [];
    private long _last = StartupClock.MainEntered;
    private long _lastMethods;
    private TimeSpan _lastJit;
    private long _lastAllocated;

    public RunTimings()
    {
        var beforeMain = DateTime.Now - Process.GetCurrentProcess().StartTime - Stopwatch.GetElapsedTime(StartupClock.MainEntered);
        _phases.Add(new Phase("runtime start", beforeMain.TotalSeconds, 0, 0, 0));
    }

    /// <summary>Closes the phase that ran since the previous mark.</summary>
    public void Mark(string phase) => Add(phase, Stopwatch.GetElapsedTime(_last).TotalSeconds);

    /// <summary>
    /// Closes a pipeline stage the pipeline timed itself (<paramref name="stageSeconds"/>); what ran between the previous
    /// mark and the stage's start (before prep: pre-flight and clearing old outputs) becomes a phase of its own.
    /// Phases do not overlap: prep runs beside intersect and intersect's last rows are written beside flatten, so
    /// intersect's phase is only what it took after prep's end (nothing when prep ends last) and flatten's what it took
    /// after intersect's, while the pipeline's own timings give each stage its whole duration.
    /// </summary>
    public void MarkStage(string stage, double stageSeconds)
    {
        var sinceLast = Stopwatch.GetElapsedTime(_last).TotalSeconds;
        if (sinceLast - stageSeconds > 0.0005) _phases.Add(new Phase($"before {stage}", sinceLast - stageSeconds, 0, 0, 0));
        Add(stage, Math.Min(stageSeconds, sinceLast));
    }

    private void Add(string phase, double seconds)
    {
        _last = Stopwatch.GetTimestamp();
        var methods = JitInfo.GetCompiledMethodCount();
        var jit = JitInfo.GetCompilationTime();
        var allocated = GC.GetTotalAllocatedBytes();
        _phases.Add(new Phase(phase, seconds, methods - _lastMethods, (jit - _lastJit).TotalSeconds, allocated - _lastAllocated));
        _lastMethods = methods;
        _lastJit = jit;
        _lastAllocated = allocated;
    }

    /// <summary>Written field by field: reflection-based serialisation is not there in the native build.</summary>
    public void Write(string path)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteStartArray("phases");
        foreach (var phase in _phases)
        {
            json.WriteStartObject();
            json.WriteString("phase", phase.Name);
            json.WriteNumber("seconds", Math.Round(phase.Seconds, 4));
            json.WriteNumber("jitted_methods", phase.JittedMethods);
            json.WriteNumber("jit_seconds", Math.Round(phase.JitSeconds, 4));
            json.WriteNumber("allocated_mib", Mib(phase.AllocatedBytes));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("jitted_methods", _phases.Sum(p => p.JittedMethods));
        json.WriteNumber("jit_seconds", Math.Round(_phases.Sum(p => p.JitSeconds), 4));
        json.WriteNumber("gc_count", GC.CollectionCount(0));
        json.WriteNumber("gc_gen1_count", GC.CollectionCount(1));
        json.WriteNumber("gc_gen2_count", GC.CollectionCount(2));
        json.WriteNumber("gc_pause_seconds", Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 4));
        json.WriteNumber("allocated_mib", Mib(GC.GetTotalAllocatedBytes()));
        json.WriteNumber("thread_pool_threads", ThreadPool.ThreadCount);
        json.WriteNumber("loaded_assemblies", AppDomain.CurrentDomain.GetAssemblies().Length);
        json.WriteEndObject();
    }

    private static double Mib(long bytes) => Math.Round(bytes / 1048576.0, 3);

    private sealed record Phase(string Name, double Seconds, long JittedMethods, double JitSeconds, long AllocatedBytes);
}
