using System.Threading.RateLimiting;
using Mesa.Server.Admin.Endpoints;
using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Mesa.Server.Storage;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Admin;

/// <summary>Wires the admin console into the server: its stores, the sign-in rate limit, the admin API under /admin/api and the pages under /admin/.</summary>
public static class AdminConsole
{
    public static void AddAdminConsole(this IServiceCollection services, AdminOptions admin)
    {
        services.AddSingleton(provider => new AdminAccounts(provider.GetRequiredService<StateDatabase>().Store));
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Blacklist>();
        services.AddSingleton<UserControls>();
        services.AddSingleton<ServerSettings>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton<ActivityHistory>();
        services.AddScoped<AdminAuthentication>();
        services.AddScoped<JobAccessAudit>();
        services.AddSingleton<RecentJobReads>();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(AdminSessionEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = admin.SignInsPerIpPerWindow, Window = TimeSpan.FromSeconds(admin.SignInWindowSeconds) })));
    }

    public static void MapAdminConsole(this WebApplication app)
    {
        var api = app.MapGroup("/admin/api").AddEndpointFilter<AdminAuthentication>().WithTags("admin");
        app.MapAdminSession(api);
        api.MapAdminUsers();
        api.MapAdminBlacklist();
        api.MapAdminJobs();
        api.MapAdminAudit();
        api.MapAdminSettings();
        api.MapAdminActivity();
        api.MapGet("/server", async (DataFolder folder, StateDatabase database, IGrainFactory grains, LocalNode node, TimeProvider clock) =>
            Results.Ok(await ServerFacts.CollectAsync(folder, database, grains, node, clock)));
        // Unknown admin API paths answer like known ones to outsiders: sign-in first.
        api.MapMethods("/{**rest}", ["GET", "POST", "PUT", "PATCH", "DELETE"], (string rest) => Problems.NotFound($"Admin API route '/admin/api/{rest}'"));
        app.MapEmbeddedPages("/admin", "Mesa.Server.Admin.Console.");
    }
}
