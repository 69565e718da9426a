using System.Text.Json;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Tests.Import;
using Mesa.Processing.Workload;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Workload;

/// <summary><c>mesa-cloud workload from-samples</c> and <c>workload synth</c>: a basic run each, and their argument errors.</summary>
public sealed class WorkloadCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-workload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void From_samples_writes_a_project_that_processes()
    {
        var project = Path.Combine(_folder, "project");

        var result = CliRunner.Run("workload", "from-samples", SampleData.Folder("coastal_zone"), "--grid", "hex:5000", "--out", project);

        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(summary.RootElement.GetProperty("objects").GetInt64() > 0);
        Assert.True(summary.RootElement.GetProperty("cells").GetInt64() > 0);
        Assert.All(WorkloadFiles.RequiredTables.Append(WorkloadFiles.Config), file => Assert.True(File.Exists(WorkloadFiles.PathIn(project, file)), $"{file} is missing"));
    }

    [Fact]
    public void From_samples_refuses_a_bad_grid()
    {
        var result = CliRunner.Run("workload", "from-samples", SampleData.Folder("coastal_zone"), "--grid", "hex:-5", "--out", Path.Combine(_folder, "p"));
        CliAssert.Refused(result,
            "mesa-cloud workload from-samples: 'hex:-5': the cell size '-5' must be a positive number of metres; " +
            "use hex:<metres across flats>, square:<metres per side> or qdgc:<level 0..20>, e.g. hex:500.");
    }

    [Fact]
    public void From_samples_refuses_a_missing_sample_folder()
    {
        var missing = Path.Combine(_folder, "no-such-sample");
        var result = CliRunner.Run("workload", "from-samples", missing, "--grid", "hex:1000", "--out", Path.Combine(_folder, "p"));
        CliAssert.Refused(result, $"mesa-cloud workload from-samples: {missing}: sample folder not found.");
    }

    [Fact]
    public void Synth_writes_a_project()
    {
        var project = Path.Combine(_folder, "synth");

        var result = CliRunner.Run("workload", "synth", "--target-mb", "0.2", "--seed", "3", "--cells", "200", "--out", project);

        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(summary.RootElement.GetProperty("objects").GetInt64() > 0);
        Assert.True(summary.RootElement.GetProperty("cells").GetInt64() > 0);
        Assert.All(WorkloadFiles.RequiredTables, file => Assert.True(File.Exists(WorkloadFiles.PathIn(project, file)), $"{file} is missing"));
    }

    [Fact]
    public void Synth_refuses_a_zero_target()
    {
        var result = CliRunner.Run("workload", "synth", "--target-mb", "0", "--out", Path.Combine(_folder, "synth"));
        CliAssert.Refused(result, "mesa-cloud workload synth: --target-mb must be a positive number of MB, not 0.");
        Assert.False(Directory.Exists(Path.Combine(_folder, "synth")));
    }
}
