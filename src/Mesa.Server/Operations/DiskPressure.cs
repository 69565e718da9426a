using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>Alerts the admins that a node's data disk is short, at most once per <see cref="OperationsOptions.DiskAlertMinutes"/>.</summary>
public sealed class DiskPressure(AdminAlerts alerts, IOptions<MesaOptions> options)
{
    public const string Action = "alert.disk_low";

    public Task AlertAsync(string node, string shortage) =>
        alerts.RaiseOncePerWindowAsync(node, Action, TimeSpan.FromMinutes(options.Value.Operations.DiskAlertMinutes), shortage);
}
