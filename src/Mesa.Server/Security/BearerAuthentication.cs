using Mesa.Server.Admin.Security;
using Mesa.Server.Endpoints;
using Mesa.Server.Grains;
using Mesa.Server.Storage;

namespace Mesa.Server.Security;

/// <summary>
/// Endpoint filter requiring a valid access token. Hand-written instead of the JwtBearer handler:
/// JwtBearer 8.x pulls IdentityModel 7.x, which clashes with the 8.x JsonWebTokens used here.
/// </summary>
public sealed class BearerAuthentication(AccessTokens tokens, IGrainFactory grains) : IEndpointFilter
{
    private const string UserKey = "mesa.user";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var bearer = BearerToken.From(http.Request);
        if (bearer is null) return Unauthorized(http, "Send the access token from /auth/verify as 'Authorization: Bearer <token>'.");
        var grant = await tokens.ValidateAsync(bearer);
        // The user grain answers from memory: no store round trip per request.
        if ((grant is null ? null : await grains.GetGrain<IUserGrain>(grant.UserId).AccessAsync()) is not { } access)
            return Unauthorized(http, "The access token is invalid or expired; verify again to get a new one.");
        if (UserAccess.RefusalOf(access.TokensValidFromS, grant!.IssuedAt) is { } refusal) return Unauthorized(http, refusal);
        http.Items[UserKey] = access.User;
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
