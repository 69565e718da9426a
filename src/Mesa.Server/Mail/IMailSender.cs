namespace Mesa.Server.Mail;

/// <summary>Sends one plain-text mail. The seam where MailKit/FluentEmail would go; neither restores here.</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellation);
}
