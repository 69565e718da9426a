namespace Mesa.Server.Configuration;

/// <summary>How the SMTP connection is protected (MailKit's <c>SecureSocketOptions</c> without <c>Auto</c>, so the choice is explicit).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on the same host or a trusted network.</summary>
    None,
    /// <summary>STARTTLS, refusing servers that do not offer it.</summary>
    StartTls,
    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
