using MimeKit;
using MimeKit.Text;

namespace Mesa.Server.Mail;

/// <summary>The MIME message both senders deliver: UTF-8 plain text.</summary>
public static class PlainTextMail
{
    public static MimeMessage Create(string from, string to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        var text = new TextPart(TextFormat.Plain)
        {
            // Quoted-printable keeps ASCII lines (the token among them) readable in the raw mail.
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
        };
        text.SetText("utf-8", body);
        message.Body = text;
        return message;
    }
}
