namespace Mesa.Server.Configuration;

/// <summary>Outgoing mail. With no <see cref="Host"/> mails are written as .eml files under the data folder.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "mesa-server@localhost";
}
