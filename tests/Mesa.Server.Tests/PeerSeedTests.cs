using System.Net;
using System.Text.Json.Nodes;
using Mesa.Identity;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>
/// <c>mesa-cloud peers seed create | verify | import</c> against a real server: unsigned, tampered, foreign-root and
/// older seeds are refused with a message saying which; a seed signed by an admin key the root certified is taken; a
/// disabled peer's statuses are refused; the last writer wins; a silent peer turns
/// unreachable, then stale.
/// </summary>
public sealed class PeerSeedTests
{
    [Fact]
    public async Task Seeds_are_refused_unsigned_tampered_foreign_or_older_and_taken_when_signed_by_a_certified_admin_key()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = PeerServers.AdminKey });
        var work = Directory.CreateTempSubdirectory("mesa-peer-seeds-").FullName;
        try
        {
            var (root, fingerprint) = KeysCli.InitRoot(work);
            await KeysCli.WaitForCurrentKeyAsync(host.Http, KeysCli.IssueActive(root, host.DataFolder));
            var url = host.Http.BaseAddress!.ToString().TrimEnd('/');
            var (peerData, _, peerFingerprint) = PeerServers.NewServerFolder(work, "peer");
            var peers = new[] { (url, fingerprint, "here"), ("http://127.0.0.1:9", peerFingerprint, "peer") };
            var version2 = PeerServers.CreateSeed(work, root, 2, peers);

            var verified = CliRunner.Run("peers", "seed", "verify", version2, "--root-fingerprint", fingerprint);
            Assert.True(verified.ExitCode == 0, verified.Stderr);
            Assert.StartsWith($"valid: seed ", verified.Stdout);
            Assert.Contains($"version 2", verified.Stdout);

            var unsigned = Edited(work, version2, seed => seed["signature"] = null);
            AssertRefused(CliRunner.Run("peers", "seed", "verify", unsigned, "--root-fingerprint", fingerprint), "the seed is unsigned");
            AssertRefused(PeerServers.ImportSeed(url, unsigned), "the seed is unsigned");
            Assert.Contains("unsigned", await PostSeedAsync(host, unsigned, HttpStatusCode.UnprocessableEntity));

            var tampered = Edited(work, version2, seed => seed["seed"]!["peers"]![1]!["base_url"] = "http://127.0.0.1:10");
            AssertRefused(CliRunner.Run("peers", "seed", "verify", tampered, "--root-fingerprint", fingerprint), "tampered");
            AssertRefused(PeerServers.ImportSeed(url, tampered), "tampered");
            Assert.Contains("tampered", await PostSeedAsync(host, tampered, HttpStatusCode.UnprocessableEntity));

            var (foreignRoot, foreignFingerprint) = KeysCli.InitRoot(work);
            var foreign = PeerServers.CreateSeed(work, foreignRoot, 5, peers);
            AssertRefused(CliRunner.Run("peers", "seed", "verify", foreign, "--root-fingerprint", fingerprint), $"signed under a foreign root {foreignFingerprint}");
            AssertRefused(PeerServers.ImportSeed(url, foreign), $"signed under a foreign root {foreignFingerprint}; this server trusts root {fingerprint}");

            var imported = PeerServers.ImportSeed(url, version2);
            Assert.True(imported.ExitCode == 0, imported.Stderr);
            AssertRefused(PeerServers.ImportSeed(url, PeerServers.CreateSeed(work, root, 1, peers)), "version 1, older than or equal to version 2 imported before");
            AssertRefused(PeerServers.ImportSeed(url, version2), "version 2, older than or equal to version 2 imported before");

            // An admin key the root certified (issued like an active key, into a folder of the admin's) signs version 3.
            var adminFolder = Path.Combine(work, "admin");
            var kid = KeysCli.IssueActive(root, adminFolder);
            var adminSigned = Path.Combine(work, "admin-seed.json");
            var created = CliRunner.Run("peers", "seed", "create", "--key", Path.Combine(adminFolder, "keys", "active", $"{kid}.key.pem"),
                "--certificate", Path.Combine(adminFolder, "keys", "active", $"{kid}.cert.json"), "--version", "3",
                "--peer", $"{url},{fingerprint},here", "--peer", $"http://127.0.0.1:9,{peerFingerprint},peer", "--out", adminSigned);
            Assert.True(created.ExitCode == 0, created.Stderr);
            Assert.Contains($"signed by key {kid} under root {fingerprint}", created.Stdout);
            imported = PeerServers.ImportSeed(url, adminSigned);
            Assert.True(imported.ExitCode == 0, imported.Stderr);
            var view = await PeerServers.ViewAsync(host.Http);
            Assert.Equal(3, view.GetProperty("seed").GetProperty("version").GetInt64());
            Assert.Equal(kid, view.GetProperty("seed").GetProperty("signer_key_id").GetString());
            Assert.Equal(2, view.GetProperty("seeds").GetArrayLength());

            // A disabled peer's genuine statuses are refused until it is enabled again.
            var (peerKey, peerCertificate) = PeerServers.ActiveKeyOf(peerData);
            using (peerKey)
            {
                Assert.Equal(HttpStatusCode.OK, (await AdminPostAsync(host, $"/admin/peers/{peerFingerprint}/disable")).StatusCode);
                var refused = await PeerServers.PostStatusAsync(host.Http, PeerServers.Status(peerFingerprint, "http://127.0.0.1:9", fingerprint, peerKey, peerCertificate, host.Clock.GetUtcNow()));
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Contains("disabled", (await MesaApi.ProblemAsync(refused)).GetProperty("detail").GetString());
                Assert.Equal(HttpStatusCode.OK, (await AdminPostAsync(host, $"/admin/peers/{peerFingerprint}/enable")).StatusCode);
                var taken = await PeerServers.PostStatusAsync(host.Http, PeerServers.Status(peerFingerprint, "http://127.0.0.1:9", fingerprint, peerKey, peerCertificate, host.Clock.GetUtcNow()));
                Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
                var peer = PeerServers.Peer(await PeerServers.ViewAsync(host.Http), "peer");
                Assert.Equal("forged", peer.GetProperty("version").GetString());
                Assert.Equal("healthy", peer.GetProperty("health").GetString());
                Assert.Equal("reachable", peer.GetProperty("state").GetString());

                // Last writer wins by the sender's clock: a genuine status sent before the kept one is taken and dropped.
                var now = host.Clock.GetUtcNow();
                Assert.Equal(HttpStatusCode.OK, (await PeerServers.PostStatusAsync(host.Http,
                    PeerServers.Status(peerFingerprint, "http://127.0.0.1:9", fingerprint, peerKey, peerCertificate, now.AddSeconds(5), "2.0"))).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await PeerServers.PostStatusAsync(host.Http,
                    PeerServers.Status(peerFingerprint, "http://127.0.0.1:9", fingerprint, peerKey, peerCertificate, now.AddSeconds(2), "1.0"))).StatusCode);
                Assert.Equal("2.0", PeerServers.Peer(await PeerServers.ViewAsync(host.Http), "peer").GetProperty("version").GetString());

                // Heard from no more (its address answers nothing): unreachable after the timeout, stale after the stale age.
                host.Clock.Advance(TimeSpan.FromSeconds(46));
                Assert.Equal("unreachable", PeerServers.Peer(await PeerServers.ViewAsync(host.Http), "peer").GetProperty("state").GetString());
                host.Clock.Advance(TimeSpan.FromSeconds(600));
                peer = PeerServers.Peer(await PeerServers.ViewAsync(host.Http), "peer");
                Assert.Equal("stale", peer.GetProperty("state").GetString());
                Assert.Equal("2.0", peer.GetProperty("version").GetString());
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void AssertRefused(CliRunner.Result result, string message)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    private static string Edited(string folder, string seedFile, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(seedFile))!;
        edit(json);
        var path = Path.Combine(folder, $"edited-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>Posts a seed file to the server as the console does, skipping the CLI's own check; returns the problem's detail.</summary>
    private static async Task<string> PostSeedAsync(ServerHost host, string seedFile, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/peers/seed") { Content = new StringContent(File.ReadAllText(seedFile), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Mesa-Admin-Key", PeerServers.AdminKey);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return (await MesaApi.ProblemAsync(response)).GetProperty("detail").GetString()!;
    }

    private static async Task<HttpResponseMessage> AdminPostAsync(ServerHost host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Mesa-Admin-Key", PeerServers.AdminKey);
        return await host.Http.SendAsync(request);
    }
}
