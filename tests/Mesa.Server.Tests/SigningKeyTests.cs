using System.Net;
using Mesa.Identity;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>Root-certified signing keys: published, rotated without breaking refresh tokens, revoked.</summary>
public sealed class SigningKeyTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("mesa-keys-").FullName;
    private ServerHost _host = null!;
    private MesaApi _api = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync();
        _api = new MesaApi(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_embedded_default_publishes_its_key_with_a_root_certificate()
    {
        var published = await KeysCli.PublishedAsync(_host.Http);
        var root = published.GetProperty("root_fingerprint").GetString()!;
        var key = Assert.Single(published.GetProperty("keys").EnumerateArray());
        var certificate = IdentityJson.Read<KeyCertificate>(key.GetProperty("certificate").GetRawText(), "certificate");
        certificate.Verify(root).Dispose();
        var (access, _) = await _api.VerifyAsync();
        Assert.Equal(certificate.Kid, KeysCli.KidOf(access));
        Assert.Equal(certificate.Kid, published.GetProperty("current_kid").GetString());
    }

    [Fact]
    public async Task Rotation_keeps_refresh_tokens_working_and_a_revoked_key_is_refused()
    {
        var (_, refreshBeforeRoot) = await _api.VerifyAsync();
        var (rootPath, rootFingerprint) = KeysCli.InitRoot(_work);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(rootPath));

        var first = KeysCli.IssueActive(rootPath, _host.DataFolder);
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, first);
        // A refresh token from before the root was configured still works; its new access token is signed by the new key.
        var (accessFirst, refreshFirst) = await MesaApi.TokensFromAsync(await _api.RefreshAsync(refreshBeforeRoot));
        Assert.Equal(first, KeysCli.KidOf(accessFirst));

        var second = KeysCli.IssueActive(rootPath, _host.DataFolder);
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, second);
        var (accessSecond, _) = await MesaApi.TokensFromAsync(await _api.RefreshAsync(refreshFirst));
        Assert.Equal(second, KeysCli.KidOf(accessSecond));
        // Tokens of the previous key stay valid until they expire.
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/jobs", accessFirst)).StatusCode);

        var published = await KeysCli.PublishedAsync(_host.Http);
        Assert.Equal(rootFingerprint, published.GetProperty("root_fingerprint").GetString());
        var kids = published.GetProperty("keys").EnumerateArray().Select(k =>
        {
            using var verified = IdentityJson.Read<KeyCertificate>(k.GetProperty("certificate").GetRawText(), "certificate").Verify(rootFingerprint);
            return k.GetProperty("kid").GetString();
        }).ToHashSet();
        Assert.Equal([first, second], kids);

        var revoked = CliRunner.Run("keys", "revoke", "--data-dir", _host.DataFolder, first);
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        await WaitForStatusAsync(accessFirst, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/jobs", accessSecond)).StatusCode);
        published = await KeysCli.PublishedAsync(_host.Http);
        Assert.Equal(first, Assert.Single(published.GetProperty("revoked").EnumerateArray()).GetString());
        Assert.Equal(second, Assert.Single(published.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task With_every_key_revoked_tokens_are_not_spent_and_work_once_a_new_key_is_issued()
    {
        var (_, refresh) = await _api.VerifyAsync();
        var (rootPath, _) = KeysCli.InitRoot(_work);
        var only = KeysCli.IssueActive(rootPath, _host.DataFolder);
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, only);
        // What 'keys revoke' refuses to do, done by hand: the last key revoked.
        await File.WriteAllTextAsync(Path.Combine(_host.DataFolder, "keys", "active", $"{only}.revoked"), DateTimeOffset.UtcNow.ToString("O"));
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, null);

        var refused = await _api.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("no usable signing key", (await MesaApi.ProblemAsync(refused)).GetProperty("detail").GetString());

        var next = KeysCli.IssueActive(rootPath, _host.DataFolder);
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, next);
        var (access, _) = await MesaApi.TokensFromAsync(await _api.RefreshAsync(refresh));
        Assert.Equal(next, KeysCli.KidOf(access));
    }

    [Fact]
    public void Key_commands_refuse_what_would_break_the_server_with_one_line()
    {
        var (rootPath, _) = KeysCli.InitRoot(_work);
        var only = KeysCli.IssueActive(rootPath, _host.DataFolder);
        var otherRoot = KeysCli.InitRoot(_work).Path;
        AssertRefused(CliRunner.Run("keys", "revoke", "--data-dir", _host.DataFolder, only), "keys revoke", "only usable key");
        AssertRefused(CliRunner.Run("keys", "revoke", "--data-dir", _host.DataFolder, "0123456789abcdef"), "keys revoke", "no active key");
        AssertRefused(CliRunner.Run("keys", "issue-active", "--root", otherRoot, "--data-dir", _host.DataFolder), "keys issue-active", "trusts root");
        AssertRefused(CliRunner.Run("keys", "init-root", "--out", rootPath), "keys init-root", "exists already");
        AssertRefused(CliRunner.Run("keys", "issue-active", "--root", Path.Combine(_work, "missing.pem"), "--data-dir", _host.DataFolder), "keys issue-active", "does not exist");
    }

    private async Task WaitForStatusAsync(string accessToken, HttpStatusCode expected)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await _api.SendAsync(HttpMethod.Get, "/jobs", accessToken)).StatusCode == expected) return;
            await Task.Delay(100);
        }
        Assert.Fail($"GET /jobs never answered {expected}.");
    }

    internal static void AssertRefused(CliRunner.Result result, string command, string reason)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"mesa-cloud {command}: ", result.Stderr);
        Assert.Contains(reason, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }
}
