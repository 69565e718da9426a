using Mesa.TestSupport;

namespace Mesa.Server.Tests.Support;

/// <summary>The CLI's sign-in as a user does it: <c>register</c>, the token from the mail into a file, <c>verify</c>.</summary>
internal static class CliSignIn
{
    /// <summary>Signs a new user in; returns the credentials file (in <paramref name="work"/>), the email and verify's output.</summary>
    public static async Task<(string Credentials, string Email, CliRunner.Result Verified)> RunAsync(ServerHost host, string work)
    {
        var server = host.Http.BaseAddress!.ToString();
        var credentials = Path.Combine(work, "credentials.json");
        var email = MesaApi.NewEmail();
        var registered = CliRunner.Run("register", "--server", server, "--name", "Ada", "--email", email, "--affiliation", "Inst", "--summary", "Coast");
        Assert.True(registered.ExitCode == 0, registered.Stderr);
        var tokenFile = Path.Combine(work, "token.txt");
        await File.WriteAllTextAsync(tokenFile, await host.Smtp.TokenForAsync(email));
        var verified = CliRunner.Run("verify", "--server", server, "--credentials", credentials, "--token-file", tokenFile);
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        return (credentials, email, verified);
    }
}
