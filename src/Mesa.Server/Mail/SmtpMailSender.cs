using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Mail;

/// <summary>
/// System.Net.Mail (stand-in for MailKit, which does not restore here): to <c>Mesa:Smtp:Host</c> when
/// set, else as .eml files in the data folder's mail/ folder so a node without SMTP still works.
/// </summary>
public sealed class SmtpMailSender(IOptions<MesaOptions> options, DataFolder folder, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellation)
    {
        var smtp = options.Value.Smtp;
        using var message = new MailMessage(smtp.From, to, subject, body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            // Quoted-printable keeps ASCII lines (the token among them) readable in the raw mail.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
        };
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            Directory.CreateDirectory(folder.Mail);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder.Mail;
            await client.SendMailAsync(message, cancellation);
            logger.LogInformation("No SMTP host configured: wrote the mail '{Subject}' as an .eml file under {MailFolder}", subject, folder.Mail);
            return;
        }
        client.Host = smtp.Host;
        client.Port = smtp.Port;
        client.EnableSsl = smtp.EnableSsl;
        if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        await client.SendMailAsync(message, cancellation);
        logger.LogInformation("Sent the mail '{Subject}' through {SmtpHost}:{SmtpPort}", subject, smtp.Host, smtp.Port);
    }
}
