using Mesa.Server.Admin.Storage;
using Mesa.Server.Security;
using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Security;

/// <summary>
/// Records every user request on jobs and every signed transfer in the audit log: who, which route
/// (its pattern, never the URL, whose query holds signatures), which job and the answer's status.
/// Repeated reads (status polling) of the same job by the same caller are recorded once per
/// <see cref="ReadWindow"/>, so a polling client does not turn every status request into a write.
/// </summary>
public sealed class JobAccessAudit(AuditLog audit, RecentJobReads recent) : IEndpointFilter
{
    public static readonly TimeSpan ReadWindow = TimeSpan.FromMinutes(1);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "?";
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var user = BearerAuthentication.UserIfAny(http);
        var actor = user?.Id ?? "-";
        var target = http.Request.RouteValues.TryGetValue("id", out var id) ? id as string : CreatedJob(result);
        // Every download is recorded, naming the file (the path; its signature is in the query, never logged).
        var download = route == TransferEndpoints.DownloadRoute;
        var detail = $"{http.Request.Method} {(download ? http.Request.Path.Value : route)} -> {status}";
        if (HttpMethods.IsGet(http.Request.Method) && !download && !recent.IsNew($"{actor} {target} {detail}", ReadWindow)) return result;
        audit.Record(user is null ? AuditLog.SignedUrl : AuditLog.User, actor, "job.access", target, detail);
        return result;
    }

    /// <summary>The new job's id from a 201's Location (<c>/jobs/{id}</c>); the route of POST /jobs has none.</summary>
    private static string? CreatedJob(object? result) =>
        result?.GetType().GetProperty("Location")?.GetValue(result) is string location ? location[(location.LastIndexOf('/') + 1)..] : null;
}
