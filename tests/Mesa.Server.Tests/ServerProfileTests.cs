using System.Net;
using System.Text.Json.Nodes;
using Mesa.Server.Security;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>Signed server profiles: created and checked by the CLI, exported by the server, imported as the default server.</summary>
public sealed class ServerProfileTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private readonly string _work = Directory.CreateTempSubdirectory("mesa-profile-").FullName;
    private ServerHost _host = null!;
    private string _root = null!;
    private string _fingerprint = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = AdminKey });
        (_root, _fingerprint) = KeysCli.InitRoot(_work);
        await KeysCli.WaitForCurrentKeyAsync(_host.Http, KeysCli.IssueActive(_root, _host.DataFolder));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void A_profile_created_with_the_root_verifies()
    {
        var profile = CreateProfile();
        var verified = CliRunner.Run("profile", "verify", profile, "--root-fingerprint", _fingerprint.ToUpperInvariant());
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        Assert.StartsWith($"valid: {BaseUrl} (test)", verified.Stdout);
        var json = JsonNode.Parse(File.ReadAllText(profile))!["profile"]!;
        Assert.Equal(_fingerprint, json["trust"]!["root_fingerprint"]!.GetValue<string>());
        Assert.Equal($"{BaseUrl}/.well-known/mesa-keys", json["trust"]!["key_metadata_url"]!.GetValue<string>());
        Assert.Equal(1, json["schema_version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("unsigned", "unsigned")]
    [InlineData("tampered dns name", "does not match its contents")]
    [InlineData("tampered retention", "does not match its contents")]
    [InlineData("tampered signature", "does not match its contents")]
    [InlineData("extra field", "malformed")]
    [InlineData("missing field", "malformed")]
    [InlineData("not json", "malformed")]
    [InlineData("signed by another root", "neither the trusted root")]
    public void A_bad_profile_is_refused_with_one_line(string damage, string reason)
    {
        var path = CreateProfile();
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var profile = json["profile"]!.AsObject();
        switch (damage)
        {
            case "unsigned": json["signature"] = null; break;
            case "tampered dns name": profile["server"]!["dns_name"] = "evil.example.org"; profile["server"]!["base_url"] = "https://evil.example.org"; break;
            case "tampered retention": profile["policy"]!["retention_days"] = 365; break;
            case "tampered signature":
                var signature = System.Buffers.Text.Base64Url.DecodeFromChars(json["signature"]!["value"]!.GetValue<string>());
                signature[10] ^= 1;
                json["signature"]!["value"] = System.Buffers.Text.Base64Url.EncodeToString(signature);
                break;
            case "extra field": profile["trust"]!["second_root"] = "00"; break;
            case "missing field": profile.Remove("policy"); break;
            case "signed by another root":
                var other = JsonNode.Parse(File.ReadAllText(ProfileOfAnotherRoot().Path))!.AsObject();
                json["signature"] = other["signature"]!.DeepClone();
                break;
        }
        File.WriteAllText(path, damage == "not json" ? "{\"profile\": {" : json.ToJsonString());
        SigningKeyTests.AssertRefused(CliRunner.Run("profile", "verify", path, "--root-fingerprint", _fingerprint), "profile verify", reason);
    }

    [Fact]
    public void A_good_profile_is_refused_for_another_root_fingerprint()
    {
        var other = KeysCli.InitRoot(_work).Fingerprint;
        SigningKeyTests.AssertRefused(CliRunner.Run("profile", "verify", CreateProfile(), "--root-fingerprint", other), "profile verify", "not the trusted root");
        SigningKeyTests.AssertRefused(CliRunner.Run("profile", "verify", CreateProfile(), "--root-fingerprint", "abc"), "profile verify", "not a root fingerprint");
    }

    [Fact]
    public async Task The_server_exports_a_profile_signed_by_its_certified_key_that_the_cli_verifies()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/profile");
        request.Headers.Add(AdminKeyGuard.Header, AdminKey);
        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_work, "exported.json");
        await File.WriteAllTextAsync(path, await response.Content.ReadAsStringAsync());
        var verified = CliRunner.Run("profile", "verify", path, "--root-fingerprint", _fingerprint);
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        Assert.StartsWith($"valid: {BaseUrl} (production)", verified.Stdout);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(path))!["signature"]!["certificate"]);
        // Nothing configured: the GPU count and type are what ILGPU detects on this node.
        var detected = Mesa.Gpu.GpuFacts.Detect();
        var capacity = JsonNode.Parse(File.ReadAllText(path))!["profile"]!["capacity"]!;
        Assert.Equal(detected.Count, capacity["gpu_count"]!.GetValue<int>());
        Assert.Equal(detected.FirstOrDefault()?.Name, capacity["gpu_type"]?.GetValue<string>());
    }

    [Fact]
    public async Task The_export_is_refused_without_the_admin_key()
    {
        var response = await _host.Http.GetAsync("/admin/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await MesaApi.ProblemAsync(response);
        var user = await new MesaApi(_host).SignInAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await new MesaApi(_host).SendAsync(HttpMethod.Get, "/admin/profile", user)).StatusCode);
        await using var host = await ServerHost.StartAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync("/admin/profile")).StatusCode);
    }

    [Fact]
    public async Task An_imported_profile_becomes_the_default_server_and_pins_its_root()
    {
        var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Path.Combine(_work, "config"), ["MESA_SERVER"] = "" };
        var imported = CliRunner.RunWith(config, "profile", "import", CreateProfile());
        Assert.True(imported.ExitCode == 0, imported.Stderr);

        // register and verify go to the imported server, and verify checks the token's key against the pinned root.
        var verified = await VerifyThroughCliAsync(config);
        Assert.True(verified.ExitCode == 0, verified.Stderr);

        // Same server, another root: refused unless the new root is given explicitly.
        var (rogue, otherRoot) = ProfileOfAnotherRoot();
        SigningKeyTests.AssertRefused(CliRunner.RunWith(config, "profile", "import", rogue), "profile import", "is pinned to root");
        var accepted = CliRunner.RunWith(config, "profile", "import", rogue, "--root-fingerprint", otherRoot);
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        // Now the server's keys do not chain to the pinned root: verify refuses to save its tokens.
        var refused = await VerifyThroughCliAsync(config);
        SigningKeyTests.AssertRefused(refused, "verify", "server identity changed");
    }

    /// <summary>register and verify with no --server, so the imported profile decides where they go.</summary>
    private async Task<CliRunner.Result> VerifyThroughCliAsync(Dictionary<string, string> config)
    {
        var email = MesaApi.NewEmail();
        var registered = CliRunner.RunWith(config, "register", "--name", "Ada", "--email", email, "--affiliation", "Inst", "--summary", "Coast");
        Assert.True(registered.ExitCode == 0, registered.Stderr);
        var tokenFile = Path.Combine(_work, $"token-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(tokenFile, await _host.Smtp.TokenForAsync(email));
        return CliRunner.RunWith(config, "verify", "--credentials", Path.Combine(_work, "credentials.json"), "--token-file", tokenFile);
    }

    private string BaseUrl => _host.Http.BaseAddress!.ToString().TrimEnd('/');

    private string CreateProfile() => CreateProfile(_root, _host.DataFolder);

    private string CreateProfile(string root, string dataFolder)
    {
        var path = Path.Combine(_work, $"profile-{Guid.NewGuid():N}.json");
        var created = CliRunner.Run("profile", "create", "--root", root, "--data-dir", dataFolder, "--out", path, "--base-url", BaseUrl,
            "--environment", "test", "--gpu-count", "1", "--gpu-type", "H100", "--retention-days", "2");
        Assert.True(created.ExitCode == 0, created.Stderr);
        return path;
    }

    /// <summary>A profile for the same server signed by a second root (with its own data folder); returns it and that root's fingerprint.</summary>
    private (string Path, string Fingerprint) ProfileOfAnotherRoot()
    {
        var (root, fingerprint) = KeysCli.InitRoot(_work);
        var folder = Path.Combine(_work, $"data-{Guid.NewGuid():N}");
        KeysCli.IssueActive(root, folder);
        return (CreateProfile(root, folder), fingerprint);
    }
}
