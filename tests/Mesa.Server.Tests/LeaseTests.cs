using Mesa.Processing.Synthetic;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>A node whose job lease passed to another node stops the run and leaves the job, its files and its mails alone.</summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task A_run_that_loses_its_lease_stops_and_touches_nothing_of_the_job()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:Threads"] = "1",
            ["Mesa:Cluster:LeaseSeconds"] = "1.5",
        });
        var email = MesaApi.NewEmail();
        var api = new MesaApi(host);
        var access = await api.SignInAsync(email);
        var folder = Directory.CreateTempSubdirectory("mesa-synthetic-").FullName;
        SyntheticWorkload.Generate(folder, new SyntheticOptions(TargetBytes: 8_000_000, Seed: 7, Cells: 400_000));
        var (jobId, _) = await api.SubmitAsync(access, Workloads.Zip(folder));
        Directory.Delete(folder, recursive: true);
        var running = await api.WaitForAsync(access, jobId, "running", "finished", "failed");
        Assert.Equal("running", running.GetProperty("state").GetString());

        // What another node taking over after this one stalled looks like in the store.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "state.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE jobs SET node_id = 'another-node' WHERE id = '{jobId}'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        // The one-at-a-time dispatcher is free again only once the run stopped: a second job runs to the end.
        var (second, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.Equal("finished", (await api.WaitForAsync(access, second, "finished", "failed", "cancelled")).GetProperty("state").GetString());

        var first = await api.JobAsync(access, jobId);
        Assert.Equal("running", first.GetProperty("state").GetString());
        Assert.DoesNotContain(first.GetProperty("log_tail").EnumerateArray(), l => l.GetProperty("message").GetString() is { } m
            && (m.StartsWith("Job finished", StringComparison.Ordinal) || m.StartsWith("Job cancelled", StringComparison.Ordinal) || m.StartsWith("Job failed", StringComparison.Ordinal)));
        var jobFolder = Path.Combine(host.DataFolder, "jobs", jobId);
        Assert.True(File.Exists(Path.Combine(jobFolder, "upload.zip")));
        Assert.True(Directory.Exists(Path.Combine(jobFolder, "workload")));
        Assert.False(Directory.Exists(Path.Combine(jobFolder, "output")));
        var subjects = await host.Smtp.WaitForSubjectsAsync(email, 4);
        Assert.Equal(1, subjects.Count(s => s == "MESA cloud job finished"));
        Assert.DoesNotContain("MESA cloud job failed", subjects);
    }
}
