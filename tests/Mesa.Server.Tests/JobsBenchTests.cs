using System.Text.Json;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary><c>mesa-cloud bench jobs</c> against the real server: jobs submitted as a user's, timed by the stages the server reports.</summary>
public sealed class JobsBenchTests
{
    // Without an SMTP host the server writes its mail to DATA/mail, where the bench reads the token.
    private static readonly Dictionary<string, string?> MailPickup = new() { ["Mesa:Smtp:Host"] = "" };

    [Fact]
    public async Task Each_project_is_submitted_runs_times_and_reported_with_its_jobs_stage_seconds()
    {
        await using var host = await ServerHost.StartAsync(MailPickup);
        var work = Directory.CreateTempSubdirectory("mesa-bench-jobs-test-").FullName;
        try
        {
            var first = Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Build().Build(Path.Combine(work, "first"));
            var second = Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Build().Build(Path.Combine(work, "second"));

            var result = CliRunner.Run("bench", "jobs", "--url", host.Http.BaseAddress!.ToString(), "--mail-folder", Path.Combine(host.DataFolder, "mail"),
                "--runs", "2", "--warmup", "1", first, second);

            Assert.True(result.ExitCode == 0, result.Stderr);
            var reports = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal([Path.GetFullPath(first), Path.GetFullPath(second)], reports.Select(r => r.GetProperty("workload").GetString()));
            var report = reports[1];
            var seconds = report.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble()).ToList();
            Assert.Equal(2, seconds.Count);
            Assert.All(seconds, s => Assert.True(s > 0));
            Assert.InRange(report.GetProperty("median_seconds").GetDouble(), seconds.Average() - 0.002, seconds.Average() + 0.002);
            var stages = report.GetProperty("stages").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetDouble());
            Assert.Equal(["flatten", "intersect", "prep", "segment", "tiles"], stages.Keys.Order());
            Assert.All(stages.Values, s => Assert.True(s >= 0));
            // The stages ran inside the jobs the bench timed from outside, from the complete-upload request on.
            Assert.True(stages.Values.Sum() <= seconds.Max(), $"stages {stages.Values.Sum()} s, jobs {string.Join(", ", seconds)} s");
            // The Process step spans its stages but tiles: at least the longest of them, at most the job.
            var process = report.GetProperty("process_seconds").GetDouble();
            Assert.InRange(process, stages.Where(s => s.Key != "tiles").Max(s => s.Value) - 0.002, seconds.Max());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_project_folder_is_named_before_anything_is_submitted()
    {
        await using var host = await ServerHost.StartAsync(MailPickup);

        var result = CliRunner.Run("bench", "jobs", "--url", host.Http.BaseAddress!.ToString(), "--mail-folder", Path.Combine(host.DataFolder, "mail"), "/no/such/project");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("project folder '/no/such/project' does not exist", result.Stderr);
    }
}
