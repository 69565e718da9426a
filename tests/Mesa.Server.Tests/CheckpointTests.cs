using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.Tiles;

namespace Mesa.Server.Tests;

/// <summary>Per-stage checkpoints: a job restarted during tiles resumes after segment when its outputs are intact, and the timings feed the ETA.</summary>
public sealed class CheckpointTests
{
    private static readonly Dictionary<string, string?> NoDispatcher = ServerHost.Dispatcher(false);
    private static readonly Dictionary<string, string?> WithDispatcher = ServerHost.Dispatcher(true);

    [Fact]
    public async Task A_job_restarted_during_tiles_resumes_after_the_segment_checkpoint()
    {
        var workload = SlowTilesWorkload();
        var local = Directory.CreateTempSubdirectory("mesa-local-").FullName;
        try
        {
            await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Processing:Threads"] = "1" });
            var api = new MesaApi(host);
            var access = await api.SignInAsync();
            var jobId = await InterruptDuringTilesAsync(host, api, access, workload);

            await host.RestartAsync(WithDispatcher);
            var job = await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled");
            Assert.Equal("finished", job.GetProperty("state").GetString());
            Assert.Contains(Log(job), l => l.StartsWith("Resuming after checkpoint 'segment'"));
            var stages = Stages(job);
            Assert.Equal(["prep", "intersect", "flatten", "segment", "tiles"], stages.Where(s => s.Run == 1).Select(s => s.Stage));
            Assert.Equal(["tiles"], stages.Where(s => s.Run == 2).Select(s => s.Stage));
            Assert.All(stages.Where(s => s.Run == 2 || s.Stage != "tiles"), s => Assert.True(s.Seconds >= 0));

            var results = await (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).Content.ReadFromJsonAsync<JsonElement>();
            var served = Manifest.FromJson(results.GetProperty("manifest").GetRawText());
            var expected = ProcessingPipeline.Run(MesaWorkload.Load(workload), new ProcessingOptions { OutputFolder = local, Threads = 2, OutputStages = [new TilesStage()] });
            Assert.Equal(expected.Manifest.Files, served.Files);
            Assert.Equal(["prep", "intersect", "flatten", "segment", "tiles"], served.Stages.Select(s => s.Stage));
        }
        finally
        {
            Directory.Delete(workload, recursive: true);
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task A_job_whose_checkpointed_outputs_changed_runs_again_from_the_start()
    {
        var workload = SlowTilesWorkload();
        try
        {
            await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Processing:Threads"] = "1" });
            var api = new MesaApi(host);
            var access = await api.SignInAsync();
            var jobId = await InterruptDuringTilesAsync(host, api, access, workload);
            // The interrupted run's folder holds the checkpointed outputs.
            var flat = OutputFiles.PathIn(Path.Combine(host.DataFolder, "jobs", jobId, "run-1"), OutputFiles.Flat);
            await File.AppendAllTextAsync(flat, "x");

            await host.RestartAsync(WithDispatcher);
            var job = await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled");
            Assert.Equal("finished", job.GetProperty("state").GetString());
            Assert.Contains(Log(job), l => l.Contains("missing or changed; running from the start"));
            Assert.Equal(["prep", "intersect", "flatten", "segment", "tiles"], Stages(job).Where(s => s.Run == 2).Select(s => s.Stage));
            var served = Manifest.FromJson(await File.ReadAllTextAsync(OutputFiles.PathIn(Path.Combine(host.DataFolder, "jobs", jobId, "output"), OutputFiles.Manifest)));
            Assert.Equal(served.Files.Single(f => f.Path == OutputFiles.Flat), Manifest.Describe(Path.Combine(host.DataFolder, "jobs", jobId, "output"), [OutputFiles.Flat]).Single());
        }
        finally
        {
            Directory.Delete(workload, recursive: true);
        }
    }

    [Fact]
    public async Task Past_stage_timings_give_queued_jobs_an_eta_and_their_owner_a_progress_mail()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var (first, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        var finished = await api.WaitForAsync(access, first, "finished", "failed");
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("eta").ValueKind);
        Assert.Equal(5, Stages(finished).Count(s => s.Seconds is not null));

        await host.RestartAsync(NoDispatcher);
        var (second, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        var queued = await api.JobAsync(access, second);
        var eta = queued.GetProperty("eta").GetDateTimeOffset();
        Assert.InRange(eta, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5));
        var accepted = host.Smtp.BodiesTo(email).Last();
        Assert.Contains("number 1 in the queue", accepted);
        Assert.Contains("should be done around", accepted);

        await host.RestartAsync(WithDispatcher);
        await api.WaitForAsync(access, second, "finished", "failed");
        var subjects = await host.Smtp.WaitForSubjectsAsync(email, 7);
        Assert.Equal(["MESA cloud job accepted", "MESA cloud job running", "MESA cloud job finished"], subjects.TakeLast(3));
    }

    /// <summary>The synthetic workload with tiles up to zoom 14, which take seconds, so a restart can land in that stage.</summary>
    private static string SlowTilesWorkload()
    {
        var folder = Workloads.SyntheticFolder();
        var config = Path.Combine(folder, WorkloadFiles.Config);
        File.WriteAllLines(config, File.ReadAllLines(config).Select(l => l.StartsWith("tiles_maxzoom") ? "tiles_maxzoom = 14" : l));
        return folder;
    }

    /// <summary>Submits the workload and stops the server while the job is in its tiles stage; the job is left queued.</summary>
    private static async Task<string> InterruptDuringTilesAsync(ServerHost host, MesaApi api, string access, string workload)
    {
        var (jobId, _) = await api.SubmitAsync(access, Workloads.Zip(workload));
        var job = await api.WaitForAsync(access, jobId, "running", "finished", "failed");
        for (var i = 0; i < 1200 && job.GetProperty("state").GetString() == "running" && job.GetProperty("stage").GetString() != "tiles"; i++)
        {
            await Task.Delay(25);
            job = await api.JobAsync(access, jobId);
        }
        Assert.Equal("tiles", job.GetProperty("stage").GetString());
        await host.RestartAsync(NoDispatcher);
        job = await api.JobAsync(access, jobId);
        Assert.Equal("queued", job.GetProperty("state").GetString());
        var stages = Stages(job);
        Assert.Equal(["prep", "intersect", "flatten", "segment"], stages.Where(s => s.Seconds is not null).Select(s => s.Stage));
        Assert.Null(stages.Single(s => s.Stage == "tiles").Seconds);
        return jobId;
    }

    private static List<string> Log(JsonElement job) =>
        job.GetProperty("log_tail").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();

    private static List<(string Stage, long Run, double? Seconds)> Stages(JsonElement job) =>
        job.GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("stage").GetString()!, s.GetProperty("run").GetInt64(),
                s.GetProperty("seconds").ValueKind == JsonValueKind.Null ? (double?)null : s.GetProperty("seconds").GetDouble()))
            .ToList();
}
