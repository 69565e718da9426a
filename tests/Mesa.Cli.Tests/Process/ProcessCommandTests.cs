using System.Text.Json;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Process;

/// <summary><c>mesa-cloud process</c> on a good workload, and its argument checks.</summary>
public sealed class ProcessCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-process-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Processes_the_worked_example_into_a_fresh_out_folder()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        var output = Path.Combine(_folder, "out");

        var result = CliRunner.Run("process", project, "--out", output, "--threads", "2");

        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Path.GetFullPath(output), summary.RootElement.GetProperty("output").GetString());
        Assert.Equal(7, summary.RootElement.GetProperty("stacked_rows").GetInt64());
        Assert.Equal(4, summary.RootElement.GetProperty("flat_rows").GetInt64());
        string[] expected =
        [
            $"{OutputFiles.StackedFolder}/part-00000.parquet", OutputFiles.Flat, OutputFiles.DataExtent,
            $"{OutputFiles.SegmentationFolder}/basic_mosaic.parquet", OutputFiles.SegmentationProfiles,
            OutputFiles.AreaStats, OutputFiles.Manifest,
        ];
        Assert.All(expected, file => Assert.True(File.Exists(OutputFiles.PathIn(output, file)), $"{file} is missing"));
        Assert.False(Directory.Exists(OutputFiles.PathIn(project, OutputFiles.StackedFolder)), "--out was ignored");
        // stderr is a pipe here, so progress comes as plain lines, never a redrawn bar.
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("intersect: 100.0% ", StringComparison.Ordinal));
        // The job's log: one JSON object per line, naming each finished stage.
        var log = File.ReadAllLines(Path.Combine(output, "process.log")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["prep", "intersect", "flatten", "segment", "tiles"], log.Where(e => e.GetProperty("Properties").TryGetProperty("Stage", out _)).Select(e => e.GetProperty("Properties").GetProperty("Stage").GetString()));
    }

    [Fact]
    public void Timings_go_to_the_named_file_phase_by_phase_and_leave_the_summary_as_it_was()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        var timings = Path.Combine(_folder, "timings.json");

        var result = CliRunner.Run("process", project, "--out", Path.Combine(_folder, "out"), "--no-tiles", "--timings", timings);

        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal(7, summary.RootElement.GetProperty("stacked_rows").GetInt64());
        Assert.False(summary.RootElement.TryGetProperty("phases", out _));
        using var report = JsonDocument.Parse(File.ReadAllText(timings));
        var phases = report.RootElement.GetProperty("phases").EnumerateArray().ToList();
        // Gaps before a stage (pre-flight before prep) are phases of their own, named "before <stage>".
        Assert.Equal(
            ["runtime start", "command line", "engine", "config.ini + tbl_settings", "log setup", "prep", "intersect", "flatten", "segment", "manifest", "summary"],
            phases.Select(p => p.GetProperty("phase").GetString()).Where(p => !p!.StartsWith("before ", StringComparison.Ordinal)));
        Assert.All(phases, p => Assert.True(p.GetProperty("seconds").GetDouble() >= 0 && p.GetProperty("jitted_methods").GetInt64() >= 0));
        // Memory: every phase says what it allocated; intersect reads every cell, so it cannot be nothing. Prep runs beside
        // it and ends first or last, so the two phases share what both allocate.
        Assert.All(phases, p => Assert.True(p.GetProperty("allocated_mib").GetDouble() >= 0));
        Assert.True(phases.Where(p => p.GetProperty("phase").GetString() is "prep" or "intersect").Sum(p => p.GetProperty("allocated_mib").GetDouble()) > 0);
        Assert.True(report.RootElement.GetProperty("allocated_mib").GetDouble() >= phases.Sum(p => p.GetProperty("allocated_mib").GetDouble()) - 0.001 * phases.Count);
        Assert.True(report.RootElement.GetProperty("gc_pause_seconds").GetDouble() >= 0);
        // Every collection counts in generation 0; those that reached older generations also count there.
        var collections = report.RootElement.GetProperty("gc_count").GetInt32();
        Assert.InRange(report.RootElement.GetProperty("gc_gen1_count").GetInt32(), report.RootElement.GetProperty("gc_gen2_count").GetInt32(), collections);
    }

    [Fact]
    public void Zero_threads_is_refused()
    {
        var project = WorkedExampleWorkload.Build().Build(_folder);
        var result = CliRunner.Run("process", project, "--threads", "0");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--threads must be at least 1.", result.Stderr);
        Assert.False(Directory.Exists(OutputFiles.PathIn(project, OutputFiles.StackedFolder)));
    }

    [Fact]
    public void An_unknown_engine_is_refused()
    {
        var project = WorkedExampleWorkload.Build().Build(_folder);
        var result = CliRunner.Run("process", project, "--engine", "opencl");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'opencl'", result.Stderr);
        Assert.Contains("cpu, postgis, gpu", result.Stderr);
        Assert.False(Directory.Exists(OutputFiles.PathIn(project, OutputFiles.StackedFolder)));
    }
}
