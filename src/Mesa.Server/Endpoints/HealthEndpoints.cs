using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>Liveness (the process answers) and readiness (state store answers, data folder writable).</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).WithTags("health").WithSummary("The process answers");
        app.MapGet("/health/ready", (StateDatabase database, DataFolder folder) =>
        {
            try
            {
                using (var connection = database.Open()) connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs");
                var probe = Path.Combine(folder.Root, $".ready-{Guid.NewGuid():N}");
                File.WriteAllText(probe, "ok");
                File.Delete(probe);
                return Results.Ok(new { status = "ready" });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Not ready", e.Message);
            }
        }).WithTags("health").WithSummary("The state store answers and the data folder is writable")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
