using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests.Operations;

/// <summary>A spike of failed jobs alerts the admins by mail and in the console's audit log, once per window.</summary>
public sealed class FailedJobAlertTests
{
    [Fact]
    public async Task Failures_reaching_the_threshold_alert_once_per_window()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:Threads"] = "1",
            // Every synthetic job runs past this and fails.
            ["Mesa:Processing:MaxJobMinutes"] = "0.01",
            ["Mesa:Operations:FailedJobAlertCount"] = "2",
            ["Mesa:Operations:FailedJobAlertMinutes"] = "60",
        });
        var adminEmail = AdminClient.CreateAdmin(host);
        var admin = await AdminClient.SignedInAsync(host, adminEmail);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var zip = Workloads.SyntheticZip();

        async Task FailOneAsync()
        {
            var (jobId, _) = await api.SubmitAsync(access, zip);
            Assert.Equal("failed", (await api.WaitForAsync(access, jobId, "failed", "finished", "cancelled")).GetProperty("state").GetString());
        }

        async Task<long> AlertsAsync() => (await admin.JsonAsync(HttpMethod.Get, $"/admin/api/audit?action=alert.failed_jobs")).GetProperty("total").GetInt64();

        await FailOneAsync();
        Assert.Equal(0, await AlertsAsync());
        await FailOneAsync();
        await Eventually.HoldsAsync(async () => await AlertsAsync() == 1, "the failed-jobs alert in the audit log");
        Assert.Contains("MESA server alert: alert.failed_jobs", await host.Smtp.WaitForSubjectsAsync(adminEmail, 1));
        await FailOneAsync();
        // The third failure is within the same window: no second alert. Its alarm runs just after the failure is
        // recorded; a fourth job, run to its failure, gives it ample time to have run.
        await FailOneAsync();
        Assert.Equal(1, await AlertsAsync());
    }
}
