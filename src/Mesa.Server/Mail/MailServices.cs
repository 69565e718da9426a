using Mesa.Server.Configuration;

namespace Mesa.Server.Mail;

public static class MailServices
{
    /// <summary>SMTP through MailKit when <c>Mesa:Smtp:Host</c> is set, else .eml files in the data folder.</summary>
    public static IServiceCollection AddMesaMail(this IServiceCollection services, SmtpOptions smtp) => string.IsNullOrWhiteSpace(smtp.Host)
        ? services.AddSingleton<IMailSender, PickupFolderMailSender>()
        : services.AddSingleton<IMailSender>(provider => new SmtpMailSender(smtp, provider.GetRequiredService<ILogger<SmtpMailSender>>()));
}
