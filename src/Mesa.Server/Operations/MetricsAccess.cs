using Mesa.Server.Security;

namespace Mesa.Server.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: a client inside <see cref="Configuration.MetricsOptions.ScrapeNetworks"/> (a Prometheus
/// server), else whoever <see cref="AdminKeyGuard"/> lets in (a console session or the admin key). The metrics name
/// no users, but queue and error rates are nobody else's business. Middleware, since the exporter's endpoint takes no
/// endpoint filters.
/// </summary>
public static class MetricsAccess
{
    public static void UseMetricsAccess(this WebApplication app, string path) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(path), branch => branch.Use(async (http, next) =>
        {
            var networks = http.RequestServices.GetRequiredService<ScrapeNetworks>();
            var refusal = http.Connection.RemoteIpAddress is { } client && networks.Contains(client)
                ? null
                : ActivatorUtilities.CreateInstance<AdminKeyGuard>(http.RequestServices).Refusal(http.Request);
            if (refusal is null) await next(http);
            else await refusal.ExecuteAsync(http);
        }));
}
