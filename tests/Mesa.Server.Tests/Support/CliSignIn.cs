using Mesa.TestSupport;

namespace Mesa.Server.Tests.Support;

/// <summary>The CLI's sign-in as a user does it: <c>register</c>, the token from the mail into a file, <c>verify</c>.</summary>
internal static class CliSignIn
{
    /// <summary>Signs a new user in; returns the credentials file (in <paramref name="work"/>), the email and verify's output.</summary>
    public static Task<(string Credentials, string Email, CliRunner.Result Verified)> RunAsync(ServerHost host, string work) =>
        RunAsync(host.Http.BaseAddress!.ToString(), host.Smtp, work, "credentials.json");

    /// <summary>Signs a new user in at <paramref name="server"/>, whose mail goes to <paramref name="smtp"/>; the credentials go to <paramref name="credentialsName"/> in <paramref name="work"/>.</summary>
    public static async Task<(string Credentials, string Email, CliRunner.Result Verified)> RunAsync(string server, SmtpCapture smtp, string work, string credentialsName)
    {
        var credentials = Path.Combine(work, credentialsName);
        var email = MesaApi.NewEmail();
        var registered = CliRunner.Run("register", "--server", server, "--name", "Ada", "--email", email, "--affiliation", "Inst", "--summary", "Coast");
        Assert.True(registered.ExitCode == 0, registered.Stderr);
        var tokenFile = Path.Combine(work, $"{credentialsName}.token");
        await File.WriteAllTextAsync(tokenFile, await smtp.TokenForAsync(email));
        var verified = CliRunner.Run("verify", "--server", server, "--credentials", credentials, "--token-file", tokenFile);
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        return (credentials, email, verified);
    }
}
