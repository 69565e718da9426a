using System.Security.Cryptography;
using System.Text;
using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Security;

/// <summary>
/// The guard on the admin routes outside the console API (<c>/admin/cluster</c>, <c>/admin/profile</c>,
/// <c>/admin/server-info</c>): a signed-in console admin (session cookie, with the session's CSRF token on anything but
/// a GET, as in the console API), or a script carrying
/// <c>Mesa:Cluster:AdminApiKey</c> in the <c>X-Mesa-Admin-Key</c> header (compared in constant time). With no key
/// configured only console sessions get in.
/// </summary>
public sealed class AdminKeyGuard(IOptions<MesaOptions> options, AdminSessions sessions) : IEndpointFilter
{
    public const string Header = "X-Mesa-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext.Request) ?? await next(context);

    /// <summary>The problem to answer, or null when the request is let in.</summary>
    public IResult? Refusal(HttpRequest request)
    {
        if (AdminCookie.From(request) is { } cookie && sessions.Find(cookie) is { } session)
            return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || AdminAuthentication.CsrfMatches(request, session)
                ? null
                : AdminAuthentication.CsrfProblem();
        var configured = options.Value.Cluster.AdminApiKey;
        if (string.IsNullOrEmpty(configured))
            return Problems.Create(StatusCodes.Status403Forbidden, "Admin sign-in required", "Sign in to the console at /admin/, or set Mesa:Cluster:AdminApiKey for scripts.");
        var sent = request.Headers[Header].ToString();
        // Hashing first gives equal lengths, so the comparison's time says nothing about the key.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured))))
            return Problems.Create(StatusCodes.Status401Unauthorized, "Admin key required", $"Send the configured admin key in the {Header} header.");
        return null;
    }
}
