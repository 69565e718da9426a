using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>Every admin change goes through here into the audit log, with the signed-in admin as actor.</summary>
public static class AdminActions
{
    public static void Audit(this HttpContext http, AuditLog audit, string action, string? target = null, string? detail = null) =>
        audit.Record(AuditLog.Admin, AdminAuthentication.Session(http).Email, action, target, detail);
}
