using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>Console sign-in (JSON only, so a cross-site form cannot post it), sign-out and the session's CSRF token.</summary>
public static class AdminSessionEndpoints
{
    public const string SignInRateLimit = "admin-sign-in";

    public static void MapAdminSession(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapPost("/admin/api/sign-in", SignIn).RequireRateLimiting(SignInRateLimit).WithTags("admin");
        api.MapPost("/sign-out", SignOut);
        api.MapGet("/session", (HttpContext http) =>
        {
            var session = AdminAuthentication.Session(http);
            return Results.Ok(new { email = session.Email, csrf_token = session.CsrfToken, csrf_header = AdminAuthentication.CsrfHeader });
        });
    }

    private static async Task<IResult> SignIn(HttpContext http, AdminAccounts admins, AdminSessions sessions, AuditLog audit, IOptions<MesaOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignInRequest>(http.Request);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Email)) return Problems.Field("email", "is required.");
        if (string.IsNullOrEmpty(body.Password)) return Problems.Field("password", "is required.");
        var email = body.Email.Trim().ToLowerInvariant();
        var rules = options.Value.Admin;
        var outcome = admins.SignIn(email, body.Password, rules.MaxFailedSignIns, TimeSpan.FromMinutes(rules.LockoutMinutes));
        if (outcome.LockedOut)
        {
            audit.Record(AuditLog.Anonymous, email, "admin.sign_in_locked");
            return Problems.Create(StatusCodes.Status423Locked, "Account locked",
                $"Too many wrong passwords; the account is locked for up to {rules.LockoutMinutes} minutes.");
        }
        if (outcome.Admin is not { } admin)
        {
            audit.Record(AuditLog.Anonymous, email, "admin.sign_in_failed");
            return Problems.Create(StatusCodes.Status401Unauthorized, "Sign-in failed", "The email or password is wrong.");
        }
        var lifetime = TimeSpan.FromMinutes(rules.SessionMinutes);
        AdminCookie.Set(http.Response, sessions.Start(admin.Id, lifetime), lifetime);
        audit.Record(AuditLog.Admin, admin.Email, "admin.sign_in");
        return Results.Ok(new { email = admin.Email });
    }

    private static IResult SignOut(HttpContext http, AdminSessions sessions, AuditLog audit)
    {
        var session = AdminAuthentication.Session(http);
        sessions.End(session);
        AdminCookie.Clear(http.Response);
        audit.Record(AuditLog.Admin, session.Email, "admin.sign_out");
        return Results.NoContent();
    }
}
