using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>
/// The revocation point of each user's access tokens (tokens issued before it are refused), kept in
/// <c>user_controls</c> beside <c>users</c>; retention and quota overrides are columns of <c>users</c>.
/// </summary>
public sealed class UserControls(StateDatabase database, RefreshTokenRepository refreshTokens)
{
    /// <summary>
    /// Refuses every access token issued so far (tokens carry whole-second issue times, so the point is the next
    /// second) and revokes every refresh token, so no token the user holds brings access back.
    /// </summary>
    public void RevokeTokens(string userId)
    {
        refreshTokens.RevokeAll(userId);
        var from = database.NowMs() / 1000 + 1;
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO user_controls (user_id, tokens_valid_from_s) VALUES (@userId, @from) ON CONFLICT (user_id) DO UPDATE SET tokens_valid_from_s = @from",
            new { userId, from });
    }
}
