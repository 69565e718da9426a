using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.TestSupport;

namespace Mesa.PostGis.Tests.Engine;

/// <summary>One <c>mesa-cloud process</c> run as a real process, and the manifest it wrote.</summary>
internal sealed record ProcessRun(JsonElement Summary, Manifest Manifest)
{
    /// <summary>Runs <c>process WORKLOAD --out OUTPUT --engine ENGINE</c> against the test database; fails the test on a non-zero exit.</summary>
    public static ProcessRun Of(string workload, string output, string engine)
    {
        var result = CliRunner.Run("process", workload, "--out", output, "--engine", engine, "--connection", TestDatabase.ConnectionString);
        Assert.True(result.ExitCode == 0, $"process --engine {engine} exited {result.ExitCode}: {result.Stderr}");
        using var summary = JsonDocument.Parse(result.Stdout);
        return new ProcessRun(summary.RootElement.Clone(), Manifest.FromJson(File.ReadAllText(OutputFiles.PathIn(output, OutputFiles.Manifest))));
    }

    /// <summary>The summary's counts, which do not depend on the engine (stage timings and the engine name do).</summary>
    public IReadOnlyList<(string Name, string Value)> Counts =>
        [.. Summary.EnumerateObject().Where(p => p.Name is not ("output" or "stages" or "engine")).Select(p => (p.Name, p.Value.GetRawText()))];
}
