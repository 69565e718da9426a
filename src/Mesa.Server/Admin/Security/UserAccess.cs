using Mesa.Server.Admin.Storage;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Security;

/// <summary>What admins can take away from a user: tokens issued before a revocation, and all access once blacklisted.</summary>
public sealed class UserAccess(UserControls controls, Blacklist blacklist)
{
    /// <summary>Why an otherwise valid access token of <paramref name="user"/> is refused; null when it is accepted.</summary>
    public string? RefusalOf(UserRecord user, DateTimeOffset issuedAt)
    {
        if (blacklist.Blocks(user.Email)) return "The account is blocked by the server's administrators.";
        return issuedAt.ToUnixTimeSeconds() < controls.TokensValidFrom(user.Id)
            ? "The access token was revoked by the server's administrators; verify a new mailed token."
            : null;
    }
}
