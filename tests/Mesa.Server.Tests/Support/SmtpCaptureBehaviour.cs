using System.Security.Cryptography.X509Certificates;

namespace Mesa.Server.Tests.Support;

/// <summary>What a <see cref="SmtpCapture"/> does besides accepting mail, to meet the failures and features a sender must handle.</summary>
public sealed record SmtpCaptureBehaviour
{
    /// <summary>Connections closed at once, before the greeting: a server that drops the first connections.</summary>
    public int DroppedConnections { get; init; }

    /// <summary>RCPT commands answered 451 (try again later) before any is accepted.</summary>
    public int TemporaryRefusals { get; init; }

    /// <summary>A recipient answered 550 (no such user): a permanent refusal.</summary>
    public string? RejectedRecipient { get; init; }

    /// <summary>Mails whose subject starts with this are answered 554 after their data: refused by content.</summary>
    public string? RejectedSubjectPrefix { get; init; }

    /// <summary>Offers AUTH PLAIN and LOGIN and refuses mail (530) from a session that has not authenticated.</summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>Offers STARTTLS with this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }
}
