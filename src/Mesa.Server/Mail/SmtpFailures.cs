using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Polly.Timeout;

namespace Mesa.Server.Mail;

/// <summary>Which SMTP failures a mail sender reports, and which of them may pass on a later attempt.</summary>
public static class SmtpFailures
{
    /// <summary>Failures of the mail system rather than of our code.</summary>
    public static bool IsDeliveryFailure(Exception e) => e is CommandException or ProtocolException or AuthenticationException or SslHandshakeException
        or IOException or SocketException or TimeoutRejectedException or TimeoutException or NotSupportedException or ServiceNotConnectedException;

    /// <summary>
    /// Refused or dropped connections, timeouts and 4xx replies may pass later; a 5xx reply, failed authentication or an
    /// untrusted certificate will not, so retrying them only delays the report.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SslHandshakeException or AuthenticationException => false,
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutRejectedException or TimeoutException => true,
        _ => false,
    };
}
