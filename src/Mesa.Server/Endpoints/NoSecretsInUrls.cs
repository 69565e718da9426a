namespace Mesa.Server.Endpoints;

/// <summary>
/// Refuses any request carrying a token in its query string: URLs end up in logs, proxies and
/// browser history, so tokens travel only in bodies and the Authorization header.
/// </summary>
public sealed class NoSecretsInUrls(RequestDelegate next)
{
    private static readonly string[] Refused = ["token", "access_token", "id_token", "refresh_token", "api_key", "apikey"];

    public async Task InvokeAsync(HttpContext context)
    {
        var named = context.Request.Query.Keys.FirstOrDefault(k => Refused.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (named is null)
        {
            await next(context);
            return;
        }
        await Problems.Create(StatusCodes.Status400BadRequest, "Token in URL refused",
            $"The query parameter '{named}' looks like a credential; send tokens in the JSON body or as 'Authorization: Bearer <token>', never in a URL.")
            .ExecuteAsync(context);
    }
}
