using Mesa.Server.Operations;

namespace Mesa.Server.Endpoints;

/// <summary>Liveness (the process answers) and readiness (every check of <see cref="Readiness"/> passes; 503 names each that fails).</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).WithTags("health").WithSummary("The process answers");
        app.MapGet("/health/ready", async (Readiness readiness, CancellationToken cancellation) =>
        {
            var checks = await readiness.CheckAsync(cancellation);
            var view = checks.Select(c => new { name = c.Name, passed = c.Passed, problem = c.Problem }).ToList();
            var failing = checks.Where(c => !c.Passed).ToList();
            if (failing.Count == 0) return Results.Ok(new { status = "ready", checks = view });
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Not ready",
                string.Join("; ", failing.Select(c => $"{c.Name}: {c.Problem}")),
                new Dictionary<string, object?> { ["failing"] = failing.Select(c => c.Name).ToList(), ["checks"] = view });
        }).WithTags("health").WithSummary("The state store is migrated, the data folder writable with enough free disk, PostGIS and the GPU answer where configured")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
