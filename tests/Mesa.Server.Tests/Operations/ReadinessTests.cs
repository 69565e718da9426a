using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests.Operations;

/// <summary>
/// Readiness follows the free-disk threshold an admin sets at run time: above the free space it answers 503 naming
/// the disk check, and a job waits in the queue (its log says why, the admins are alerted) until the threshold clears.
/// </summary>
public sealed class ReadinessTests
{
    private const long Unreachable = 1L << 60;

    [Fact]
    public async Task Readiness_fails_naming_the_disk_check_while_free_disk_is_below_the_threshold()
    {
        await using var host = await ServerHost.StartAsync();
        var admin = await AdminClient.SignedInAsync(host);

        var ready = await host.Http.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(["migrations", "storage", "free_disk"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = Unreachable });
        var problem = await NotReadyAsync(host);
        Assert.Equal(["free_disk"], problem.GetProperty("failing").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("free_disk: the data folder's disk", problem.GetProperty("detail").GetString());

        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = 0 });
        await Eventually.HoldsAsync(async () => (await host.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness back at 200");
    }

    [Fact]
    public async Task Readiness_names_every_failing_check()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Operations:MinFreeDiskBytes"] = Unreachable.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mesa:Processing:Engine"] = "postgis",
            // Nothing listens on port 1: the PostGIS database does not answer.
            ["Mesa:Processing:PostGisConnectionString"] = "Host=127.0.0.1;Port=1;Username=mesa;Database=mesa;Timeout=5",
        });

        var problem = await NotReadyAsync(host);
        Assert.Equal(["free_disk", "postgis"], problem.GetProperty("failing").EnumerateArray().Select(c => c.GetString()));
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("free_disk: ", detail);
        Assert.Contains("postgis: the PostGIS database does not answer", detail);
        Assert.Contains(problem.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "migrations" && c.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Readiness_runs_the_GPU_smoke_test_on_the_accelerator_the_gpu_engine_uses()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:Engine"] = "gpu",
            ["Mesa:Processing:GpuAccelerator"] = "cpu",
        });

        var ready = await host.Http.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(["migrations", "storage", "free_disk", "gpu"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Readiness_with_the_gpu_engine_on_CUDA_fails_naming_the_GPU_on_a_machine_without_one()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Processing:Engine"] = "gpu" });

        if (Mesa.Gpu.GpuFacts.Detect().Count > 0)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);
            return;
        }
        var problem = await NotReadyAsync(host);
        Assert.Equal(["gpu"], problem.GetProperty("failing").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("gpu: no CUDA device found", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_queued_job_waits_while_the_disk_is_short_and_runs_once_it_clears()
    {
        await using var host = await ServerHost.StartAsync();
        var adminEmail = AdminClient.CreateAdmin(host);
        var admin = await AdminClient.SignedInAsync(host, adminEmail);
        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = Unreachable });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();

        var (jobId, completed) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.True(completed.IsSuccessStatusCode);
        await Eventually.HoldsAsync(async () => LogOf(await api.JobAsync(access, jobId)).Any(l => l.StartsWith("Waiting in the queue: the data folder's disk")),
            "the job's log saying why it waits");
        Assert.Equal("queued", (await api.JobAsync(access, jobId)).GetProperty("state").GetString());
        await Eventually.HoldsAsync(async () => (await admin.JsonAsync(HttpMethod.Get, "/admin/api/audit?action=alert.disk_low")).GetProperty("total").GetInt64() == 1,
            "the disk alert in the audit log");
        Assert.Contains("MESA server alert: alert.disk_low", await host.Smtp.WaitForSubjectsAsync(adminEmail, 1));

        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = 0 });
        var finished = await api.WaitForAsync(access, jobId, "finished", "failed");
        Assert.Equal("finished", finished.GetProperty("state").GetString());
        Assert.Single(LogOf(finished), l => l.StartsWith("Waiting in the queue"));
    }

    [Fact]
    public async Task A_short_disk_alerts_the_admins_with_no_job_queued_and_once_per_window()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Operations:DiskCheckSeconds"] = "0.2" });
        var adminEmail = AdminClient.CreateAdmin(host);
        var admin = await AdminClient.SignedInAsync(host, adminEmail);
        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = Unreachable });

        await Eventually.HoldsAsync(async () => await DiskAlertsAsync(admin) == 1, "the disk alert in the audit log");
        Assert.Contains("MESA server alert: alert.disk_low", await host.Smtp.WaitForSubjectsAsync(adminEmail, 1));

        // The disk clears and runs short again within the window: the shortage is still reported by readiness, but
        // the admins are not mailed again. Two seconds are ten disk checks.
        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = 0 });
        await Eventually.HoldsAsync(async () => (await host.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness back at 200");
        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { min_free_disk_bytes = Unreachable });
        await NotReadyAsync(host);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await DiskAlertsAsync(admin));
        Assert.Single(host.Smtp.SubjectsTo(adminEmail), s => s.Contains("alert.disk_low"));
    }

    private static async Task<long> DiskAlertsAsync(AdminClient admin) =>
        (await admin.JsonAsync(HttpMethod.Get, "/admin/api/audit?action=alert.disk_low")).GetProperty("total").GetInt64();

    private static async Task<JsonElement> NotReadyAsync(ServerHost host)
    {
        HttpResponseMessage response = null!;
        await Eventually.HoldsAsync(async () => (response = await host.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            "readiness at 503");
        return await MesaApi.ProblemAsync(response);
    }

    private static List<string> LogOf(JsonElement job) => job.GetProperty("log_tail").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
}
