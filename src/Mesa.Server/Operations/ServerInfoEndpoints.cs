using Mesa.Server.Configuration;
using Mesa.Server.Security;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// <c>GET /admin/server-info</c>: this node's latest environment probe and the newest probes of every node;
/// <c>POST /admin/server-info/probe</c>: probes this node now, records it and returns it. Guarded by <see cref="AdminKeyGuard"/>.
/// </summary>
public static class ServerInfoEndpoints
{
    public static void MapServerInfo(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/server-info").AddEndpointFilter<AdminKeyGuard>().WithTags("admin");
        group.MapGet("", (EnvironmentProbe probe, ServerInfoLog log, IOptions<MesaOptions> options) =>
            Results.Ok(View(probe, log, options))).WithSummary("This node's latest environment probe and the probe history");
        group.MapPost("/probe", async (EnvironmentProbe probe, ServerInfoLog log, IOptions<MesaOptions> options, CancellationToken cancellation) =>
        {
            await probe.ProbeAsync(cancellation);
            return Results.Ok(View(probe, log, options));
        }).WithSummary("Probes this node's environment now and records it");
    }

    private static object View(EnvironmentProbe probe, ServerInfoLog log, IOptions<MesaOptions> options) =>
        new { latest = log.Latest(probe.Node), history = log.Newest(options.Value.Operations.ProbeHistory) };
}
