using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Mail;

/// <summary>Issues a one-time email token for a user (storing only its hash) and mails it: at registration, and when an admin creates or rotates.</summary>
public sealed class TokenMailer(IGrainFactory grains, IMailSender mail, TimeProvider clock, IOptions<MesaOptions> options)
{
    public async Task SendAsync(UserRecord user, string greeting, CancellationToken cancellation)
    {
        var token = EmailTokens.New();
        var expires = clock.GetUtcNow().AddMinutes(options.Value.Auth.EmailTokenMinutes);
        await grains.GetGrain<IUserGrain>(user.Id).IssueEmailTokenAsync(EmailTokens.Hash(token), expires);
        await mail.SendAsync(user.Email, "Your MESA cloud token",
            $"Hello {user.Name},\r\n\r\n{greeting}\r\nEnter this one-time token in MESA (valid until {expires:yyyy-MM-dd HH:mm} UTC):\r\n\r\n{token}\r\n\r\n" +
            "If you did not ask for it, ignore this mail.\r\n", cancellation);
    }
}
