using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;
using Orleans.Dashboard;

namespace Mesa.Server.Admin;

/// <summary>
/// The Orleans Dashboard under <c>/admin/orleans</c>, for signed-in console admins only. It has no sign-in of its own,
/// so every request under the prefix passes the console's session check first (user tokens and admin keys do not open it).
/// </summary>
public static class OrleansDashboard
{
    public const string Prefix = "/admin/orleans";

    public static void MapOrleansConsole(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), branch => branch.Use(async (http, next) =>
        {
            var sessions = http.RequestServices.GetRequiredService<AdminSessions>();
            if (AdminCookie.From(http.Request) is { } cookie && sessions.Find(cookie) is not null)
            {
                await next(http);
                return;
            }
            await Problems.Create(StatusCodes.Status401Unauthorized, "Admin sign-in required", "Sign in to the console at /admin/ first.").ExecuteAsync(http);
        }));
        app.MapOrleansDashboard(Prefix);
    }
}
