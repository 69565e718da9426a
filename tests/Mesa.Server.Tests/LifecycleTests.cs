using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>Queue behaviour across cancel and restart, and the per-IP and per-address limits.</summary>
public sealed class LifecycleTests
{
    private static readonly Dictionary<string, string?> NoDispatcher = ServerHost.Dispatcher(false);
    private static readonly Dictionary<string, string?> WithDispatcher = ServerHost.Dispatcher(true);

    [Fact]
    public async Task Queued_jobs_survive_a_restart_and_run_once_in_priority_then_age_order()
    {
        await using var host = await ServerHost.StartAsync(NoDispatcher);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var zip = Workloads.WorkedExampleZip();
        var (first, _) = await api.SubmitAsync(access, zip);
        var (second, completed) = await api.SubmitAsync(access, zip);
        Assert.Equal(2, (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queue_position").GetInt32());
        Assert.Equal(1, (await api.JobAsync(access, first)).GetProperty("queue_position").GetInt32());

        await host.RestartAsync(WithDispatcher);
        foreach (var id in new[] { first, second })
            Assert.Equal("finished", (await api.WaitForAsync(access, id, "finished", "failed", "cancelled")).GetProperty("state").GetString());
        // The access token outlives the restart: the signing key is kept in the data folder.
        foreach (var id in new[] { first, second })
        {
            var log = (await api.JobAsync(access, id)).GetProperty("log_tail").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
            Assert.Single(log, l => l.StartsWith("Job started"));
            Assert.Single(log, l => l.StartsWith("Job finished"));
        }
        var firstFinished = (await api.JobAsync(access, first)).GetProperty("updated_at").GetDateTimeOffset();
        var secondFinished = (await api.JobAsync(access, second)).GetProperty("updated_at").GetDateTimeOffset();
        Assert.True(firstFinished <= secondFinished);
    }

    [Fact]
    public async Task A_job_left_running_by_a_crash_is_requeued_at_start()
    {
        await using var host = await ServerHost.StartAsync(NoDispatcher);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        await host.RestartAsync();
        // What a process killed mid-run leaves behind.
        Assert.Equal(1, host.ExecuteSql($"UPDATE jobs SET state = 'running', stage = 'intersect', progress = 0.5 WHERE id = '{jobId}'"));
        await host.RestartAsync(WithDispatcher);
        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_job_recorded_as_running_on_a_live_silo_that_runs_no_such_job_is_requeued()
    {
        await using var host = await ServerHost.StartAsync(WithDispatcher);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (busy, _) = await api.SubmitAsync(access, Workloads.SyntheticZip());
        var (orphan, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        await api.WaitForAsync(access, busy, "running");
        // What a run leaves when it could not record its ending: the store names this (live) silo, which runs another job.
        Assert.Equal(1, host.ExecuteSql(
            $"UPDATE jobs SET state = 'running', runs = 1, node_id = (SELECT node_id FROM jobs WHERE id = '{busy}') WHERE id = '{orphan}' AND state = 'queued'"));
        foreach (var id in new[] { busy, orphan })
            Assert.Equal("finished", (await api.WaitForAsync(access, id, "finished", "failed", "cancelled")).GetProperty("state").GetString());
        Assert.Single((await api.JobAsync(access, orphan)).GetProperty("log_tail").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("Job finished"));
    }

    [Fact]
    public async Task Cancelling_a_queued_job_keeps_it_from_running()
    {
        await using var host = await ServerHost.StartAsync(NoDispatcher);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(HttpMethod.Post, $"/jobs/{jobId}/cancel", access)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.SendAsync(HttpMethod.Post, $"/jobs/{jobId}/cancel", access)).StatusCode);
        await host.RestartAsync(WithDispatcher);
        await Task.Delay(1000);
        Assert.Equal("cancelled", (await api.JobAsync(access, jobId)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_within_seconds()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Processing:Threads"] = "1" });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, _) = await api.SubmitAsync(access, Workloads.SyntheticZip());

        var running = await api.WaitForAsync(access, jobId, "running", "finished", "failed");
        Assert.Equal("running", running.GetProperty("state").GetString());
        // Progress is persisted while it runs: a stage name and a percentage show up in the status.
        for (var i = 0; i < 100 && running.GetProperty("stage").ValueKind == JsonValueKind.Null; i++)
        {
            await Task.Delay(50);
            running = await api.JobAsync(access, jobId);
        }
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(running.GetProperty("stage").GetString()));
        Assert.InRange(running.GetProperty("progress_percent").GetDouble(), 0, 100);
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(HttpMethod.Post, $"/jobs/{jobId}/cancel", access)).StatusCode);
        var ended = await api.WaitForAsync(access, jobId, "cancelled", "finished", "failed");
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancel took {clock.Elapsed}");
        Assert.False(File.Exists(OutputFiles.PathIn(Path.Combine(host.DataFolder, "jobs", jobId, "output"), OutputFiles.Flat)));
    }

    [Fact]
    public async Task A_job_running_past_the_maximum_duration_is_failed_and_its_outputs_removed()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:Threads"] = "1",
            ["Mesa:Processing:MaxJobMinutes"] = "0.02",
        });
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var (jobId, _) = await api.SubmitAsync(access, Workloads.SyntheticZip());

        var ended = await api.WaitForAsync(access, jobId, "failed", "finished", "cancelled");
        Assert.Equal("failed", ended.GetProperty("state").GetString());
        Assert.Contains("maximum job duration of 0.02 minutes", ended.GetProperty("error").GetString());
        Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "jobs", jobId, "output")));
        Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "jobs", jobId, "workload")));
        var subjects = await host.Smtp.WaitForSubjectsAsync(email, 3);
        Assert.Equal("MESA cloud job failed", subjects[^1]);
    }

    [Fact]
    public async Task Retention_deletes_results_and_stale_uploads()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Retention:Minutes"] = "0.03",
            ["Mesa:Retention:SweepSeconds"] = "0.2",
        });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        var (stale, _) = await api.CreateJobAsync(access);
        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed")).GetProperty("state").GetString());

        HttpResponseMessage results;
        var clock = Stopwatch.StartNew();
        while ((results = await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).StatusCode == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.Gone, results.StatusCode);
        Assert.Contains("retention window", (await MesaApi.ProblemAsync(results)).GetProperty("detail").GetString());
        // The sweep marks the job purged (410 from then on) and deletes its folder right after.
        var jobFolder = Path.Combine(host.DataFolder, "jobs", jobId);
        clock.Restart();
        while (Directory.Exists(jobFolder) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
        Assert.False(Directory.Exists(jobFolder));
        var waiting = await api.WaitForAsync(access, stale, "cancelled");
        Assert.Contains("retention window", waiting.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Blocked_addresses_and_domains_cannot_register()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Auth:BlockedEmails:0"] = "spammer@example.net",
            ["Mesa:Auth:BlockedDomains:0"] = "blocked.example",
        });
        var api = new MesaApi(host);
        foreach (var email in new[] { "Spammer@example.net", "someone@blocked.example", "someone@mail.blocked.example" })
        {
            var refused = await api.RegisterAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.StartsWith("email:", (await MesaApi.ProblemAsync(refused)).GetProperty("detail").GetString());
        }
        // A look-alike domain is not blocked.
        await api.SignInAsync("someone@notblocked.example");
        await Task.Delay(300);
        Assert.Equal(0, host.Smtp.CountTo("someone@blocked.example") + host.Smtp.CountTo("spammer@example.net"));
        Assert.Equal(0, host.ExecuteSql("DELETE FROM users WHERE email LIKE '%blocked.example' AND email <> 'someone@notblocked.example'"));
    }

    [Fact]
    public async Task Registration_is_limited_per_ip_and_mails_per_address()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Auth:RequestsPerIpPerWindow"] = "4",
            ["Mesa:Auth:MailsPerEmailPerHour"] = "2",
        });
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(email)).StatusCode);
        await host.Smtp.TokenForAsync(email, after: 1);
        await Task.Delay(300);
        Assert.Equal(2, host.Smtp.CountTo(email));
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(MesaApi.NewEmail())).StatusCode);
        var limited = await api.RegisterAsync(MesaApi.NewEmail());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await MesaApi.ProblemAsync(limited);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);
    }
}
