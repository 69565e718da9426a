namespace Mesa.Fuzzing.Harness;

/// <summary>What a run of one target did: inputs tried, how many parsed and how many were refused with the documented error, and the findings.</summary>
public sealed record FuzzReport(string Target, long Inputs, long Parsed, long Refused, TimeSpan Elapsed, long PeakWorkingSetBytes, IReadOnlyList<FuzzFinding> Findings)
{
    public override string ToString() =>
        $"{Target}: {Inputs} inputs ({Parsed} parsed, {Refused} refused) in {Elapsed.TotalSeconds:F1} s, "
        + $"{Inputs / Math.Max(Elapsed.TotalSeconds, 0.001):F0}/s, peak working set {PeakWorkingSetBytes >> 20} MiB, {Findings.Count} findings"
        + string.Concat(Findings.Select(f => $"\n  {f.Kind} x{f.Occurrences}: {f.Signature} ({f.Input.Length}-byte input)"));
}
