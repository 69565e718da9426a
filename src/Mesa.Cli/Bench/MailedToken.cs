using System.Text.RegularExpressions;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// The one-time token from the .eml pickup file a mesa-server without SMTP writes into its data folder's mail/
/// folder, so a benchmark can sign in against a local server with no mail system. The test SMTP listener reads
/// captured mails with the same decoding.
/// </summary>
public static partial class MailedToken
{
    /// <summary>The token in the mail to <paramref name="address"/>, waiting up to 10 s for the file.</summary>
    public static async Task<string> ReadAsync(string mailFolder, string address, CancellationToken cancellation)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (Directory.Exists(mailFolder))
            {
                foreach (var file in Directory.EnumerateFiles(mailFolder, "*.eml"))
                {
                    var mail = DecodeQuotedPrintable(await File.ReadAllTextAsync(file, cancellation));
                    if (mail.Contains(address, StringComparison.OrdinalIgnoreCase) && TokenIn(mail) is { } token)
                        return token;
                }
            }
            await Task.Delay(50, cancellation);
        }
        throw new ClientException($"no token mail to {address} appeared in {mailFolder}.");
    }

    /// <summary>The token line (43 base64url characters) of a decoded token mail; null when there is none.</summary>
    public static string? TokenIn(string decodedMail) => TokenLine().Match(decodedMail) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Enough of RFC 2045 quoted-printable for the server's ASCII mails: soft line breaks and =XX escapes.</summary>
    public static string DecodeQuotedPrintable(string text) =>
        Escape().Replace(SoftBreak().Replace(text, ""), m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"(?m)^([A-Za-z0-9_-]{43})\r?$")]
    private static partial Regex TokenLine();

    [GeneratedRegex("=\r?\n")]
    private static partial Regex SoftBreak();

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex Escape();
}
