using System.Security.Cryptography;
using System.Text;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Security;

/// <summary>
/// Endpoint filter on every admin API route: a live session cookie is required (a user's bearer token is
/// not enough), and every state-changing method must echo the session's CSRF token in <c>X-CSRF-Token</c>.
/// </summary>
public sealed class AdminAuthentication(AdminSessions sessions) : IEndpointFilter
{
    public const string CsrfHeader = "X-CSRF-Token";
    private const string SessionKey = "mesa.admin";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var cookie = AdminCookie.From(http.Request);
        var session = cookie is null ? null : sessions.Find(cookie);
        if (session is null)
            return Problems.Create(StatusCodes.Status401Unauthorized, "Admin sign-in required",
                http.Request.Headers.Authorization.Count > 0
                    ? "User access tokens do not open the admin API; sign in to the console as an admin."
                    : "Sign in to the console at /admin/ first.");
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !CsrfMatches(http.Request, session))
            return CsrfProblem();
        http.Items[SessionKey] = session;
        return await next(context);
    }

    /// <summary>The signed-in admin; only on endpoints behind this filter.</summary>
    public static AdminSession Session(HttpContext http) => (AdminSession)http.Items[SessionKey]!;

    public static IResult CsrfProblem() => Problems.Create(StatusCodes.Status403Forbidden, "CSRF check failed",
        $"State-changing admin requests must carry the session's CSRF token in the {CsrfHeader} header.");

    /// <summary>Whether the request echoes the session's CSRF token (also asked by <see cref="Mesa.Server.Security.AdminKeyGuard"/>).</summary>
    public static bool CsrfMatches(HttpRequest request, AdminSession session)
    {
        var sent = request.Headers[CsrfHeader].ToString();
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(session.CsrfToken));
    }
}
