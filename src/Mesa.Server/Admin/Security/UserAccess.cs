namespace Mesa.Server.Admin.Security;

/// <summary>
/// What admins can take away from a user: tokens issued before a revocation. Blacklisting an address or domain
/// revokes the matching users' tokens when the entry is added (and verification checks the blacklist), so a call
/// only needs the user's revocation point, read with the user.
/// </summary>
public static class UserAccess
{
    /// <summary>Why an otherwise valid access token issued at <paramref name="issuedAt"/> is refused; null when it is accepted.</summary>
    public static string? RefusalOf(long tokensValidFromS, DateTimeOffset issuedAt) =>
        issuedAt.ToUnixTimeSeconds() < tokensValidFromS
            ? "The access token was revoked by the server's administrators; verify a new mailed token."
            : null;
}
