namespace Mesa.Server.Endpoints;

/// <summary>The users' page under /app/ (register, upload, follow and download a job), which the server's root leads to.</summary>
public static class UserPageEndpoints
{
    public const string Route = "/app";

    public static void MapUserPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(Route + "/")).ExcludeFromDescription();
        app.MapEmbeddedPages(Route, "Mesa.Server.UserPage.");
    }
}
