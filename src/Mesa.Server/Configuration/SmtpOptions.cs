namespace Mesa.Server.Configuration;

/// <summary>Outgoing mail. With no <see cref="Host"/> mails are written as .eml files under the data folder.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;
    /// <summary>With a user name the server must offer AUTH; the password comes from configuration or the environment and is never logged.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "mesa-server@localhost";
    /// <summary>Attempts per mail, the first included; only transient failures (connection, timeout, 4xx) are tried again.</summary>
    public int MaxAttempts { get; set; } = 4;
    /// <summary>The first retry's delay; each further one doubles it, with jitter.</summary>
    public double RetryDelaySeconds { get; set; } = 2;
    /// <summary>Limit on one attempt (connect, authenticate, send).</summary>
    public double TimeoutSeconds { get; set; } = 30;
    /// <summary>How long an idle connection is kept open for the next mail.</summary>
    public double IdleSeconds { get; set; } = 30;
}
