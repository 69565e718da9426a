using Mesa.Server.Security;

namespace Mesa.Server.Endpoints;

/// <summary>
/// GET /admin/profile: the signed server profile file, for the console's "export server profile". Guarded like every
/// admin route by <see cref="AdminKeyGuard"/>, the one place admin sign-in plugs into.
/// </summary>
public static class AdminProfileEndpoint
{
    public static void MapAdminProfile(this IEndpointRouteBuilder app) =>
        app.MapGroup("/admin").AddEndpointFilter<AdminKeyGuard>().WithTags("admin")
            .MapGet("/profile", (HttpContext http, ServerProfileExport export) =>
            {
                http.Response.Headers.ContentDisposition = "attachment; filename=mesa-server-profile.json";
                return Results.Text(export.Create(http.Request).ToJson(), "application/json");
            });
}
