using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Mail;

/// <summary>With no <c>Mesa:Smtp:Host</c>: each mail becomes an .eml file in the data folder's mail/ folder, so a node without SMTP still works.</summary>
public sealed class PickupFolderMailSender(IOptions<MesaOptions> options, DataFolder folder, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellation)
    {
        using var message = PlainTextMail.Create(options.Value.Smtp.From, to, subject, body);
        Directory.CreateDirectory(folder.Mail);
        var name = Guid.NewGuid().ToString("N");
        // Written under another name first: readers of *.eml never see half a mail.
        var partial = Path.Combine(folder.Mail, name + ".partial");
        try
        {
            await message.WriteToAsync(partial, cancellation);
            File.Move(partial, Path.Combine(folder.Mail, name + ".eml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new MailNotSentException($"Could not write the mail into {folder.Mail}: {e.Message}", e);
        }
        logger.LogInformation("No SMTP host configured: wrote the mail '{Subject}' as an .eml file under {MailFolder}", subject, folder.Mail);
    }
}
