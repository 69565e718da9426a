using Mesa.Server.Admin.Security;
using Mesa.Server.Endpoints;
using Mesa.Server.Storage;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mesa.Server.Security;

/// <summary>
/// Endpoint filter requiring a valid access token. Hand-written instead of the JwtBearer handler:
/// JwtBearer 8.x pulls IdentityModel 7.x, which clashes with the 8.x JsonWebTokens used here.
/// </summary>
public sealed class BearerAuthentication(AccessTokens tokens, UserRepository users, UserAccess access) : IEndpointFilter
{
    private const string UserKey = "mesa.user";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var bearer = BearerToken.From(http.Request);
        if (bearer is null) return Unauthorized(http, "Send the access token from /auth/verify as 'Authorization: Bearer <token>'.");
        var userId = await tokens.ValidateAsync(bearer);
        var user = userId is null ? null : users.Find(userId);
        if (user is null) return Unauthorized(http, "The access token is invalid or expired; verify again to get a new one.");
        if (access.RefusalOf(user, new JsonWebToken(bearer).IssuedAt) is { } refusal) return Unauthorized(http, refusal);
        http.Items[UserKey] = user;
        return await next(context);
    }

    /// <summary>The authenticated caller; only on endpoints behind this filter.</summary>
    public static UserRecord User(HttpContext http) => (UserRecord)http.Items[UserKey]!;

    /// <summary>The authenticated caller, or null where this filter did not run.</summary>
    public static UserRecord? UserIfAny(HttpContext http) => http.Items.TryGetValue(UserKey, out var user) ? user as UserRecord : null;

    private static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Create(StatusCodes.Status401Unauthorized, "Not authenticated", detail);
    }
}
