using Mesa.Server.Security;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>The token part of the /auth/verify and /auth/refresh replies: a new access token and the refresh token that replaces the last one.</summary>
public static class TokenReply
{
    /// <summary>503 when no key can sign, answered before the presented token is spent so it still works once a key is issued.</summary>
    public static IResult? Unavailable(AccessTokens access) => access.CanIssue ? null
        : Problems.Create(StatusCodes.Status503ServiceUnavailable, "No signing key", "The server has no usable signing key; try again after its admin has issued one.");

    public static Dictionary<string, object> For(UserRecord user, string refreshToken, AccessTokens access, RefreshTokenRepository refresh) => new()
    {
        ["access_token"] = access.Issue(user),
        ["token_type"] = "Bearer",
        ["expires_in"] = (int)access.Lifetime.TotalSeconds,
        ["refresh_token"] = refreshToken,
        ["refresh_expires_in"] = (long)refresh.Lifetime.TotalSeconds,
    };
}
