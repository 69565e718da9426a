using System.Text.Json;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Process;

/// <summary><c>mesa-cloud bench warm</c>: the pipeline run several times in one process.</summary>
public sealed class WarmBenchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-warm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Runs_the_pipeline_as_often_as_asked_with_the_results_of_process_and_writes_nothing_into_the_project()
    {
        var project = WorkedExampleWorkload.Build().Build(_folder);

        var result = CliRunner.Run("bench", "warm", project, "--runs", "3", "--threads", "2");

        CliAssert.Succeeded(result);
        using var report = JsonDocument.Parse(result.Stdout);
        var root = report.RootElement;
        Assert.Equal(3, root.GetProperty("runs").GetInt32());
        Assert.Equal(3, root.GetProperty("seconds").GetArrayLength());
        Assert.Equal(7, root.GetProperty("stacked_rows").GetInt64());
        Assert.Equal(4, root.GetProperty("flat_rows").GetInt64());
        Assert.Equal(["prep", "intersect", "flatten", "segment"], root.GetProperty("stages").EnumerateObject().Select(p => p.Name));
        Assert.False(Directory.Exists(OutputFiles.PathIn(project, OutputFiles.StackedFolder)), "the runs wrote into the project");
    }

    [Fact]
    public void A_single_run_is_refused()
    {
        var project = WorkedExampleWorkload.Build().Build(_folder);

        var result = CliRunner.Run("bench", "warm", project, "--runs", "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--runs must be at least 2", result.Stderr);
    }
}
