using System.Data.Common;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Mail;

namespace Mesa.Server.Operations;

/// <summary>
/// Tells the admins something needs them: a warning in the server log, an audit log entry (the console shows it,
/// actor kind <c>server</c>) and a mail to every console admin. A mail that cannot be sent is logged and the others go
/// out; with the state store failing only the log line remains.
/// </summary>
public sealed class AdminAlerts(AuditLog audit, AdminAccounts admins, IMailSender mail, ILogger<AdminAlerts> logger)
{
    public const string Server = "server";

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>
    /// Raises the alert unless the same alert was raised within <paramref name="window"/> by any node: the audit log,
    /// shared by the cluster, records the last one.
    /// </summary>
    public async Task RaiseOncePerWindowAsync(string node, string action, TimeSpan window, string detail)
    {
        // One check at a time on this node, so two callers noticing the same trouble together raise one alert.
        await _one.WaitAsync();
        try
        {
            if (audit.RecordedWithin(Server, action, window)) return;
            await RaiseAsync(node, action, detail);
        }
        catch (DbException e)
        {
            logger.LogWarning("Alert {Action} on {Node} reached only the server log: the state store failed: {Problem}. {Detail}", action, node, e.Message, detail);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <param name="node">The node that raises it.</param>
    /// <param name="action">What the audit log files it under, e.g. <c>alert.disk_low</c>.</param>
    public async Task RaiseAsync(string node, string action, string detail)
    {
        logger.LogWarning("Alert {Action} on {Node}: {Detail}", action, node, detail);
        try
        {
            audit.Record(Server, node, action, null, detail);
            foreach (var address in admins.Emails()) await MailAsync(address, node, action, detail);
        }
        catch (DbException e)
        {
            logger.LogWarning("Alert {Action} reached only the server log: the state store failed: {Problem}", action, e.Message);
        }
    }

    private async Task MailAsync(string address, string node, string action, string detail)
    {
        try
        {
            await mail.SendAsync(address, $"MESA server alert: {action}", $"Node {node}: {detail}\r\n", CancellationToken.None);
        }
        catch (MailNotSentException e)
        {
            logger.LogWarning("Could not mail alert {Action} to {Address}: {Problem}", action, address, e.Message);
        }
    }
}
