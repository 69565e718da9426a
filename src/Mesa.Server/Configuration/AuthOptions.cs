namespace Mesa.Server.Configuration;

/// <summary>Lifetimes of the secrets the server hands out.</summary>
public sealed class AuthOptions
{
    /// <summary>How long an emailed one-time token stays usable.</summary>
    public int EmailTokenMinutes { get; set; } = 24 * 60;

    /// <summary>Lifetime of the JWT access tokens returned by /auth/verify.</summary>
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>Lifetime of a refresh token; each use replaces it with a new one that lives this long again.</summary>
    public int RefreshTokenMinutes { get; set; } = 30 * 24 * 60;

    /// <summary>Lifetime of signed upload and download URLs.</summary>
    public int SignedUrlMinutes { get; set; } = 60;

    /// <summary>Requests to /register and /auth/verify per client IP per window.</summary>
    public int RequestsPerIpPerWindow { get; set; } = 20;

    public int RateWindowSeconds { get; set; } = 600;

    /// <summary>Token mails per address per hour; above it a registration is answered the same way but no mail goes out.</summary>
    public int MailsPerEmailPerHour { get; set; } = 5;

    /// <summary>Addresses refused at registration.</summary>
    public List<string> BlockedEmails { get; set; } = [];

    /// <summary>Domains refused at registration, subdomains included (<c>example.org</c> also blocks <c>mail.example.org</c>).</summary>
    public List<string> BlockedDomains { get; set; } = [];
}
