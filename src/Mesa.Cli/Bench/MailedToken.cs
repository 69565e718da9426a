using System.Text.RegularExpressions;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// The one-time token from the .eml pickup file a mesa-server without SMTP writes into its data folder's mail/
/// folder, so a benchmark can sign in against a local server with no mail system.
/// </summary>
internal static partial class MailedToken
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
                    if (mail.Contains(address, StringComparison.OrdinalIgnoreCase) && TokenLine().Match(mail) is { Success: true } match)
                        return match.Groups[1].Value;
                }
            }
            await Task.Delay(50, cancellation);
        }
        throw new ClientException($"no token mail to {address} appeared in {mailFolder}.");
    }

    // Enough of RFC 2045 quoted-printable for the server's ASCII token mail: soft line breaks and =XX escapes.
    private static string DecodeQuotedPrintable(string text) =>
        Escape().Replace(SoftBreak().Replace(text, ""), m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"(?m)^([A-Za-z0-9_-]{43})\r?$")]
    private static partial Regex TokenLine();

    [GeneratedRegex("=\r?\n")]
    private static partial Regex SoftBreak();

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex Escape();
}
