using Mesa.Server.Configuration;

namespace Mesa.Server.Security;

/// <summary>The email/domain blacklist applied at registration (<see cref="AuthOptions.BlockedEmails"/>, <see cref="AuthOptions.BlockedDomains"/>).</summary>
public static class RegistrationBlocklist
{
    /// <summary>True for a listed address, or an address at a listed domain or any of its subdomains.</summary>
    public static bool Blocks(AuthOptions auth, string normalisedEmail)
    {
        if (auth.BlockedEmails.Any(blocked => string.Equals(blocked.Trim(), normalisedEmail, StringComparison.OrdinalIgnoreCase))) return true;
        var domain = normalisedEmail[(normalisedEmail.LastIndexOf('@') + 1)..];
        return auth.BlockedDomains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0)
            .Any(blocked => domain == blocked || domain.EndsWith($".{blocked}", StringComparison.Ordinal));
    }
}
