using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// Alerts the admins when <see cref="OperationsOptions.FailedJobAlertCount"/> jobs have failed within the window, at
/// most once per window across the cluster.
/// </summary>
public sealed class FailedJobAlarm(JobRepository jobs, AdminAlerts alerts, IOptions<MesaOptions> options)
{
    public const string Action = "alert.failed_jobs";

    /// <summary>Called after a job failed; checks the window and alerts when it is due.</summary>
    public async Task JobFailedAsync(string node)
    {
        var settings = options.Value.Operations;
        if (settings.FailedJobAlertCount <= 0) return;
        var window = TimeSpan.FromMinutes(settings.FailedJobAlertMinutes);
        var failed = jobs.FailedSince(jobs.NowMs() - (long)window.TotalMilliseconds);
        if (failed < settings.FailedJobAlertCount) return;
        await alerts.RaiseOncePerWindowAsync(node, Action, window,
            $"{failed} jobs failed in the last {settings.FailedJobAlertMinutes:0.##} minutes (alert threshold {settings.FailedJobAlertCount}); see the console's Jobs page, state failed.");
    }
}
