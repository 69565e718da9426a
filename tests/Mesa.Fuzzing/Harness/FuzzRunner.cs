using System.Diagnostics;

namespace Mesa.Fuzzing.Harness;

/// <summary>
/// Runs a target's inputs on a worker thread while the calling thread watches the clock: an input that runs past the
/// time limit is reported as a hang with its bytes (the worker is abandoned, as a thread cannot be aborted). Each
/// input's managed allocations and the process's working set are held against their caps.
/// </summary>
public static class FuzzRunner
{
    private const int MaxDistinctFindings = 20;

    public static FuzzReport Run(FuzzTarget target, FuzzOptions options)
    {
        var state = new RunState();
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() => Work(target, options, state)) { IsBackground = true, Name = $"fuzz {target.Name}" };
        worker.Start();
        while (!worker.Join(TimeSpan.FromMilliseconds(50)))
        {
            var started = Interlocked.Read(ref state.StartedAt);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > options.TimeLimit)
            {
                lock (state.Findings)
                    state.Findings.Add(new FuzzFinding(FindingKind.Hang, $"hang in {target.Name}", $"one input ran longer than {options.TimeLimit.TotalSeconds} s", state.Current));
                break;
            }
        }
        if (state.WorkerError is { } error) throw new InvalidOperationException($"{target.Name}: the harness itself failed", error);
        lock (state.Findings)
            return new FuzzReport(target.Name, state.Inputs, state.Parsed, state.Refused, clock.Elapsed, state.PeakWorkingSet, [.. state.Findings]);
    }

    /// <summary>The finding signature of an exception: its type and the method that threw it.</summary>
    public static string Signature(Exception error)
    {
        var frame = new StackTrace(error).GetFrames().FirstOrDefault(f => f.GetMethod() is not null);
        var method = frame?.GetMethod();
        return $"{error.GetType().FullName} at {method?.DeclaringType?.FullName}.{method?.Name}";
    }

    private static void Work(FuzzTarget target, FuzzOptions options, RunState state)
    {
        try
        {
            var random = new Random(options.Seed);
            for (long i = 0; i < options.Inputs; i++)
            {
                var input = target.Next(random);
                state.Current = input;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                Interlocked.Exchange(ref state.StartedAt, Stopwatch.GetTimestamp());
                try
                {
                    target.Run(input);
                    state.Parsed++;
                }
                catch (Exception e) when (target.IsDocumented(e))
                {
                    state.Refused++;
                }
                catch (Exception e)
                {
                    Record(state, new FuzzFinding(FindingKind.Crash, Signature(e), e.ToString(), input));
                }
                Interlocked.Exchange(ref state.StartedAt, 0);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                if (allocated > options.MaxAllocatedBytesPerInput)
                    Record(state, new FuzzFinding(FindingKind.Memory, $"allocation in {target.Name}", $"one input allocated {allocated >> 20} MiB", input));
                if (i % 128 == 0) CheckWorkingSet(state, options, target, input);
                state.Inputs = i + 1;
            }
        }
        catch (Exception e)
        {
            state.WorkerError = e;
        }
    }

    private static void CheckWorkingSet(RunState state, FuzzOptions options, FuzzTarget target, byte[] input)
    {
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        state.PeakWorkingSet = Math.Max(state.PeakWorkingSet, workingSet);
        if (workingSet > options.MaxWorkingSetBytes)
            Record(state, new FuzzFinding(FindingKind.Memory, $"working set in {target.Name}", $"the process grew to {workingSet >> 20} MiB", input));
    }

    private static void Record(RunState state, FuzzFinding finding)
    {
        lock (state.Findings)
        {
            if (state.Findings.FirstOrDefault(f => f.Signature == finding.Signature) is { } known) known.Occurrences++;
            else if (state.Findings.Count < MaxDistinctFindings) state.Findings.Add(finding);
        }
    }

    private sealed class RunState
    {
        public readonly List<FuzzFinding> Findings = [];
        public long StartedAt;
        public volatile byte[] Current = [];
        public long Inputs, Parsed, Refused, PeakWorkingSet;
        public Exception? WorkerError;
    }
}
