namespace Mesa.Fuzzing.Harness;

/// <param name="Inputs">Inputs to run through the target.</param>
/// <param name="Seed">The random seed: the same seed replays the same inputs.</param>
/// <param name="TimeLimit">Longest one input may run before it counts as a hang.</param>
/// <param name="MaxAllocatedBytesPerInput">Most managed bytes one input may allocate (hostile length fields).</param>
/// <param name="MaxWorkingSetBytes">Largest the process's working set may grow (native allocations included).</param>
public sealed record FuzzOptions(long Inputs, int Seed, TimeSpan TimeLimit, long MaxAllocatedBytesPerInput, long MaxWorkingSetBytes)
{
    /// <summary>The bounds CI and the long run share: 10 s per input, 256 MiB allocated per input, a 4 GiB working set.</summary>
    public static FuzzOptions Default(long inputs, int seed) =>
        new(inputs, seed, TimeSpan.FromSeconds(10), 256L << 20, 4L << 30);
}
