using Mesa.Server.Security;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>The token part of the /auth/verify and /auth/refresh replies: a new access token and the refresh token that replaces the last one.</summary>
public static class TokenReply
{
    public static Dictionary<string, object> For(UserRecord user, string refreshToken, AccessTokens access, RefreshTokenRepository refresh) => new()
    {
        ["access_token"] = access.Issue(user),
        ["token_type"] = "Bearer",
        ["expires_in"] = (int)access.Lifetime.TotalSeconds,
        ["refresh_token"] = refreshToken,
        ["refresh_expires_in"] = (long)refresh.Lifetime.TotalSeconds,
    };
}
