using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>
/// Runs alone: OpenTelemetry's meter listener picks up every meter of the same name in the process, so servers of
/// other tests running beside these would add their jobs to this server's scrape.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The Prometheus scrape endpoint (admins, the admin key or configured networks only) and the console's activity history.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    private const string AdminKey = "metrics-test-admin-key";

    [Fact]
    public async Task Scrape_shows_the_jobs_meters_to_admins_only_and_activity_lists_the_job()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = AdminKey });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, completed) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/metrics")).StatusCode);
        // The exporter caches a scrape briefly, so the job's meters may show in a later one.
        var scrape = "";
        await Eventually.HoldsAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add("X-Mesa-Admin-Key", AdminKey);
            var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrape = await response.Content.ReadAsStringAsync();
            return Regex.IsMatch(scrape, "mesa_jobs_ended_total\\{[^}\\n]*outcome=\"finished\"") && scrape.Contains("mesa_job_stage_duration");
        }, "the job's meters in a scrape");
        foreach (var metric in new[] { "mesa_queue_length", "mesa_upload_bytes", "mesa_job_queue_wait", "mesa_job_duration", "http_server_request_duration" })
            Assert.Contains(metric, scrape);
        Assert.Matches("(?m)^mesa_jobs_ended_total\\{[^}\\n]*outcome=\"finished\"[^}\\n]*\\} 1( |$)", scrape);
        Assert.Matches("mesa_job_stage_duration[^\\n]*stage=\"intersect\"", scrape);

        var admin = await AdminClient.SignedInAsync(host);
        var activity = await admin.JsonAsync(HttpMethod.Get, "/admin/api/activity?hours=24");
        Assert.Contains(activity.GetProperty("ended").EnumerateArray(), e => e.GetProperty("job_id").GetString() == jobId && e.GetProperty("state").GetString() == "finished"
            && e.GetProperty("seconds").ValueKind == JsonValueKind.Number);
        Assert.Equal(24, activity.GetProperty("hours").GetArrayLength());
        Assert.All(activity.GetProperty("queue_length").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("queued").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Get, "/admin/api/activity?hours=0")).StatusCode);
    }

    [Fact]
    public async Task A_configured_network_scrapes_without_signing_in()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Metrics:ScrapeNetworks:0"] = "127.0.0.0/8" });
        var response = await host.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mesa_queue_length", await response.Content.ReadAsStringAsync());
    }
}
