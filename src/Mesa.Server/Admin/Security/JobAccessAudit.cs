using Mesa.Server.Admin.Storage;
using Mesa.Server.Security;

namespace Mesa.Server.Admin.Security;

/// <summary>
/// Records every user request on jobs and every signed transfer in the audit log: who, which route
/// (its pattern, never the URL, whose query holds signatures), which job and the answer's status.
/// </summary>
public sealed class JobAccessAudit(AuditLog audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "?";
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var user = BearerAuthentication.UserIfAny(http);
        audit.Record(user is null ? AuditLog.SignedUrl : AuditLog.User, user?.Id ?? "-", "job.access",
            http.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null, $"{http.Request.Method} {route} -> {status}");
        return result;
    }
}
