using Mesa.Server.Admin.Storage;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Security;

/// <summary>
/// What admins can take away from a user: tokens issued before a revocation. Blacklisting an address or domain
/// revokes the matching users' tokens when the entry is added (and verification checks the blacklist), so a call
/// only needs the revocation point: one small query on every authenticated request.
/// </summary>
public sealed class UserAccess(UserControls controls)
{
    /// <summary>Why an otherwise valid access token of <paramref name="user"/> is refused; null when it is accepted.</summary>
    public string? RefusalOf(UserRecord user, DateTimeOffset issuedAt) =>
        issuedAt.ToUnixTimeSeconds() < controls.TokensValidFrom(user.Id)
            ? "The access token was revoked by the server's administrators; verify a new mailed token."
            : null;
}
