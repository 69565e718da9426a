namespace Mesa.Server.Mail;

/// <summary>Sends one plain-text mail, or throws <see cref="MailNotSentException"/> (cancellation aside).</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellation);
}
