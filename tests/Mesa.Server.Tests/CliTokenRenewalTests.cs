using System.Text.Json.Nodes;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>The CLI renews its access token with the saved refresh token, and says so in one line when it cannot.</summary>
public sealed class CliTokenRenewalTests
{
    [Fact]
    public async Task An_expired_access_token_is_renewed_transparently_until_the_family_is_revoked()
    {
        await using var host = await ServerHost.StartAsync();
        var work = Directory.CreateTempSubdirectory("mesa-cli-renewal-").FullName;
        try
        {
            var (credentials, _, _) = await CliSignIn.RunAsync(host, work);
            var firstRefresh = Saved(credentials)["refresh_token"]!.GetValue<string>();

            Expire(credentials);
            var listed = CliRunner.Run("status", "--credentials", credentials);
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            var renewed = Saved(credentials);
            Assert.NotEqual(firstRefresh, renewed["refresh_token"]!.GetValue<string>());
            Assert.True(DateTimeOffset.Parse(renewed["expires_at"]!.GetValue<string>()) > DateTimeOffset.UtcNow);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));

            // Someone replays the first refresh token: the family is revoked, and the CLI can no longer renew.
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await new MesaApi(host).RefreshAsync(firstRefresh)).StatusCode);
            Expire(credentials);
            var refused = CliRunner.Run("status", "--credentials", credentials);
            Assert.Equal(1, refused.ExitCode);
            Assert.StartsWith("mesa-cloud status: 401: The refresh token is unknown, expired or revoked", refused.Stderr);
            Assert.Single(refused.Stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static JsonObject Saved(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>Makes the saved access token look expired (and unusable), as it would be an hour later.</summary>
    private static void Expire(string path)
    {
        var saved = Saved(path);
        saved["access_token"] = "expired";
        saved["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        File.WriteAllText(path, saved.ToJsonString());
    }
}
