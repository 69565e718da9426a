using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Synthetic;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace Mesa.Server.Tests;

/// <summary>
/// Three real <c>mesa-server</c> processes (Orleans silos) on one PostgreSQL schema and one shared data folder: the
/// silo hosting the queue is killed, then the silo running a job; the queue carries on from another silo, the job
/// still finishes exactly once with complete outputs, and a silo of a newer version joins.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverBar = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Killing_the_dispatcher_and_then_the_running_node_loses_and_duplicates_nothing()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var smtp = new SmtpCapture();
        var data = Directory.CreateTempSubdirectory("mesa-cluster-data-").FullName;
        var logs = Directory.CreateTempSubdirectory("mesa-cluster-logs-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            NodeProcess Node(string name) => nodes.Single(n => n.Name == name);
            async Task<NodeProcess> StartAsync(string name, string version)
            {
                var node = await NodeProcess.StartAsync(name, logs, ClusterNodes.Settings(data, postgres.ConnectionString, smtp.Port, version));
                nodes.Add(node);
                return node;
            }
            foreach (var name in new[] { "a", "b", "c" }) await StartAsync(name, "1.0.0-test");

            Assert.Equal(HttpStatusCode.Unauthorized, (await Node("b").Http.GetAsync("/admin/cluster")).StatusCode);
            var view = await ClusterNodes.WaitForAsync(Node("b"), v => v.Dispatcher == Node("a").Url && v.Healthy.Count == 3);
            Assert.All(view.Nodes, n => Assert.Equal("1.0.0-test", n.Version));

            var api = new MesaApi(() => Survivor(nodes).Http, smtp);
            var access = await api.SignInAsync();
            var workload = Directory.CreateTempSubdirectory("mesa-synthetic-").FullName;
            SyntheticWorkload.Generate(workload, new SyntheticOptions(TargetBytes: 8_000_000, Seed: 11, Cells: 500_000));
            var (longJob, _) = await api.SubmitAsync(access, Workloads.Zip(workload));
            Directory.Delete(workload, recursive: true);
            var (shortJob, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());

            // The dispatcher places work on the other nodes first.
            view = await ClusterNodes.WaitForAsync(Node("b"), v => v.RunningJob(longJob) is not null);
            var runner = nodes.Single(n => n.Url == view.RunningJob(longJob));
            Assert.NotEqual("a", runner.Name);

            var clock = Stopwatch.StartNew();
            Node("a").Crash();
            // The queue answers from another silo and, from the silos' reports, still sees the job where it runs.
            view = await ClusterNodes.WaitForAsync(Survivor(nodes), v => v.Dispatcher is { } d && d != Node("a").Url && v.RunningJob(longJob) is not null, FailoverBar);
            var firstFailover = clock.Elapsed;
            Assert.Equal(runner.Url, view.RunningJob(longJob));

            clock.Restart();
            runner.Crash();
            view = await ClusterNodes.WaitForAsync(Survivor(nodes), v => v.Dispatcher is { } d && nodes.Single(n => n.Url == d) is { HasExited: false }, FailoverBar);
            var secondFailover = clock.Elapsed;
            // The killed silo's job runs again on a survivor.
            view = await ClusterNodes.WaitForAsync(Survivor(nodes), v => v.RunningJob(longJob) is { } on && on != runner.Url, FailoverBar);
            var jobMoved = clock.Elapsed;

            var newer = await StartAsync("d", "1.1.0-test");
            // Joined next to the older survivor, while the killed nodes fall silent.
            await ClusterNodes.WaitForAsync(newer, v => v.Healthy.Count == 2 && v.Healthy.Any(n => n.Address == newer.Url && n.Version == "1.1.0-test"));

            foreach (var job in new[] { longJob, shortJob })
                Assert.Equal("finished", (await WaitForEndAsync(api, access, job)).GetProperty("state").GetString());

            await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
            {
                var jobs = (await connection.QueryAsync<(string Id, string State, long Runs)>("SELECT id, state, runs FROM jobs")).ToDictionary(j => j.Id);
                Assert.Equal(2, jobs.Count);
                Assert.Equal(("finished", 2L), (jobs[longJob].State, jobs[longJob].Runs));
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM job_log WHERE job_id = @longJob AND message LIKE 'Job finished%'", new { longJob }));
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM job_log WHERE job_id = @shortJob AND message LIKE 'Job finished%'", new { shortJob }));
                // The queue's reminder, which activates it again even if no silo called it, is stored with the cluster's.
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'keep-active'"));
            }

            await AssertCompleteResultsAsync(api, access, longJob, Path.Combine(data, "jobs", longJob));
            output.WriteLine($"queue failover {firstFailover.TotalSeconds:F2} s; after the running silo died: queue answering {secondFailover.TotalSeconds:F2} s, job running again {jobMoved.TotalSeconds:F2} s");
            Assert.True(firstFailover < FailoverBar && jobMoved < FailoverBar, $"failover took {firstFailover} and {jobMoved}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NodeProcess.FailureWithLogs(e, nodes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
            if (Environment.GetEnvironmentVariable("MESA_KEEP_NODE_LOGS") is { Length: > 0 } keep) Directory.Move(logs, keep); else Directory.Delete(logs, recursive: true);
        }
    }

    private static NodeProcess Survivor(IEnumerable<NodeProcess> nodes) => nodes.First(n => !n.HasExited);

    private static async Task<JsonElement> WaitForEndAsync(MesaApi api, string access, string jobId)
    {
        for (var i = 0; i < 1200; i++)
        {
            var job = await api.JobAsync(access, jobId);
            if (job.GetProperty("state").GetString() is "finished" or "failed" or "cancelled") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Job {jobId} did not end: {await api.JobAsync(access, jobId)}");
    }

    /// <summary>The download and the output folder hold every manifest file with its checksum, and nothing a killed run left.</summary>
    private static async Task AssertCompleteResultsAsync(MesaApi api, string access, string jobId, string jobFolder)
    {
        var results = await (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).Content.ReadFromJsonAsync<JsonElement>();
        var download = await api.Http.GetAsync(results.GetProperty("downloads")[0].GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        Manifest manifest;
        using (var reader = new StreamReader(zip.GetEntry(OutputFiles.Manifest)!.Open())) manifest = Manifest.FromJson(await reader.ReadToEndAsync());
        Assert.Equal(jobId, manifest.JobId);
        Assert.NotEmpty(manifest.Files);
        foreach (var file in manifest.Files)
        {
            using var entry = zip.GetEntry(file.Path)!.Open();
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)));
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(OutputFiles.PathIn(Path.Combine(jobFolder, "output"), file.Path)))));
        }
        Assert.Empty(Directory.EnumerateDirectories(jobFolder, "run-*"));
        Assert.Empty(Directory.EnumerateFiles(jobFolder, "*.part", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(jobFolder, "upload.zip")));
        Assert.False(Directory.Exists(Path.Combine(jobFolder, "workload")));
    }
}
