using Mesa.Cli.Profiles;

namespace Mesa.Cli.Client;

/// <summary>
/// The saved credentials in use by one command: hands out the access token, renewing it with the refresh token
/// (and saving the new pair when they came from a file, since the old refresh token is spent) when it has expired or the server refused it.
/// </summary>
internal sealed class ClientSession(string? credentialsPath, ClientCredentials credentials)
{
    // Renew a little early so a token does not expire between this check and the server's.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public ClientCredentials Credentials { get; private set; } = credentials;

    /// <summary>A session with one access token and nothing to renew it with (benchmarks, which sign in for one run).</summary>
    public static ClientSession ForToken(string server, string accessToken) =>
        new(null, new ClientCredentials(server, accessToken, DateTimeOffset.MaxValue));

    public async Task<string> AccessTokenAsync(bool renew, CancellationToken cancellation)
    {
        if (!renew && Credentials.ExpiresAt - Margin > DateTimeOffset.UtcNow) return Credentials.AccessToken;
        if (Credentials.RefreshToken is null || Credentials.RefreshExpiresAt <= DateTimeOffset.UtcNow)
            throw new ClientException("the access token has expired and there is no usable refresh token; run 'mesa-cloud register' and 'mesa-cloud verify' again.");
        using var client = new ServerClient(Credentials.Server);
        var reply = await client.PostAsync("/auth/refresh", new { refresh_token = Credentials.RefreshToken }, cancellation);
        var renewed = ClientCredentials.FromReply(Credentials.Server, reply);
        await ServerIdentityCheck.VerifyAsync(renewed.Server, renewed.AccessToken, cancellation);
        Credentials = renewed;
        if (credentialsPath is not null) Credentials.Save(credentialsPath);
        return Credentials.AccessToken;
    }
}
