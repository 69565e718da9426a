using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// Alerts the admins when <see cref="OperationsOptions.FailedJobAlertCount"/> jobs have failed within the window, at
/// most once per window across the cluster: the audit log, shared by every node, records the last alert.
/// </summary>
public sealed class FailedJobAlarm(JobRepository jobs, AuditLog audit, AdminAlerts alerts, IOptions<MesaOptions> options)
{
    public const string Action = "alert.failed_jobs";

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Called after a job failed; checks the window and alerts when it is due.</summary>
    public async Task JobFailedAsync(string node)
    {
        var settings = options.Value.Operations;
        if (settings.FailedJobAlertCount <= 0) return;
        // One check at a time on this node, so two failures ending together raise one alert.
        await _one.WaitAsync();
        try
        {
            var since = jobs.NowMs() - (long)TimeSpan.FromMinutes(settings.FailedJobAlertMinutes).TotalMilliseconds;
            var failed = jobs.FailedSince(since);
            if (failed < settings.FailedJobAlertCount) return;
            if (audit.Page(new AuditFilter(AdminAlerts.Server, null, Action, null, since, null), 1, 1).Total > 0) return;
            await alerts.RaiseAsync(node, Action,
                $"{failed} jobs failed in the last {settings.FailedJobAlertMinutes:0.##} minutes (alert threshold {settings.FailedJobAlertCount}); see the console's Jobs page, state failed.");
        }
        finally
        {
            _one.Release();
        }
    }
}
