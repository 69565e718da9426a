using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.TestSupport;

namespace Mesa.Gpu.Tests;

/// <summary>One <c>mesa-cloud process</c> run as a real process: its summary, manifest and log messages.</summary>
internal sealed record GpuProcessRun(JsonElement Summary, Manifest Manifest, IReadOnlyList<string> LogMessages)
{
    /// <summary>Runs <c>process WORKLOAD --out OUTPUT ARGS...</c> on two threads; fails the test on a non-zero exit.</summary>
    public static GpuProcessRun Of(string workload, string output, params string[] arguments)
    {
        var result = CliRunner.Run(["process", workload, "--out", output, "--threads", "2", .. arguments]);
        Assert.True(result.ExitCode == 0, $"process {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        using var summary = JsonDocument.Parse(result.Stdout);
        var log = File.ReadLines(Path.Combine(output, "process.log"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("RenderedMessage").GetString()!)
            .ToList();
        return new GpuProcessRun(summary.RootElement.Clone(), Manifest.FromJson(File.ReadAllText(OutputFiles.PathIn(output, OutputFiles.Manifest))), log);
    }

    /// <summary>The summary's counts, which do not depend on the engine (stage timings and the engine name do).</summary>
    public IReadOnlyList<(string Name, string Value)> Counts =>
        [.. Summary.EnumerateObject().Where(p => p.Name is not ("output" or "stages" or "engine")).Select(p => (p.Name, p.Value.GetRawText()))];

    /// <summary>From the gpu engine's closing log line: pairs classified on the device, and those it left to the exact rule.</summary>
    public (long Classified, long LeftToExactRule) DevicePairs()
    {
        var line = Assert.Single(LogMessages, m => m.StartsWith("GPU intersect on", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"(\d+) pairs classified, (\d+) left to the exact rule");
        Assert.True(match.Success, line);
        return (long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value));
    }
}
