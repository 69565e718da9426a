using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Identity;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>
/// Three real <c>mesa-server</c> processes, each with its own data folder, root key and Orleans cluster, told of each
/// other by seeds signed with their own roots: they exchange signed statuses over loopback HTTP, refuse statuses signed
/// by a wrong key, replayed or sent by a server outside the seed, see a killed server become unreachable, and the busy
/// one suggests a less loaded peer for a new job.
/// </summary>
public sealed class PeerGossipTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_servers_gossip_refuse_forged_statuses_suggest_a_peer_and_see_a_killed_one_unreachable()
    {
        await using var smtp = new SmtpCapture();
        var folder = Directory.CreateTempSubdirectory("mesa-peers-").FullName;
        var logs = Directory.CreateTempSubdirectory("mesa-peers-logs-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var servers = new[] { "a", "b", "c" }.Select(name => (Name: name, Folder: PeerServers.NewServerFolder(folder, name))).ToList();
            foreach (var (name, (data, _, _)) in servers)
            {
                var settings = PeerServers.Settings(data, smtp.Port);
                if (name == "a")
                {
                    // a keeps its jobs queued, and suggests a peer as soon as one job waits.
                    settings["Mesa:Processing:DispatcherEnabled"] = "false";
                    settings["Mesa:Peers:Routing:Enabled"] = "true";
                    settings["Mesa:Peers:Routing:QueueThreshold"] = "0";
                }
                nodes.Add(await NodeProcess.StartAsync(name, logs, settings));
            }
            NodeProcess Node(string name) => nodes.Single(n => n.Name == name);
            string Root(string name) => servers.Single(s => s.Name == name).Folder.Fingerprint;
            var everyone = servers.Select(s => (Node(s.Name).Url, s.Folder.Fingerprint, $"server {s.Name}")).ToArray();

            // Before any seed, a status from anyone is refused.
            var (aKey, aCertificate) = PeerServers.ActiveKeyOf(servers[0].Folder.Data);
            var early = await PeerServers.PostStatusAsync(Node("b").Http, PeerServers.Status(Root("a"), Node("a").Url, Root("b"), aKey, aCertificate, DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
            Assert.Contains("no cluster seed", await DetailAsync(early));

            // Each server imports the same list of peers, signed by its own root.
            foreach (var (name, (_, rootPath, _)) in servers)
            {
                var imported = PeerServers.ImportSeed(Node(name).Url, PeerServers.CreateSeed(folder, rootPath, 1, everyone));
                Assert.True(imported.ExitCode == 0, imported.Stderr);
                Assert.Contains("version 1 with 3 peers", imported.Stdout);
            }

            foreach (var name in new[] { "a", "b", "c" })
            {
                var view = await PeerServers.WaitForAsync(Node(name).Http, v => v.GetProperty("peers").EnumerateArray()
                    .All(p => p.GetProperty("state").GetString() == "reachable" && p.GetProperty("health").GetString() == "healthy"), Converge, $"server {name} hearing both peers");
                Assert.Equal(Root(name), view.GetProperty("root_fingerprint").GetString());
                Assert.Equal(1, view.GetProperty("seed").GetProperty("version").GetInt64());
                var peers = view.GetProperty("peers").EnumerateArray().ToList();
                Assert.Equal(2, peers.Count);
                Assert.DoesNotContain(peers, p => p.GetProperty("root_fingerprint").GetString() == Root(name));
                Assert.All(peers, p => Assert.True(p.GetProperty("capacity").GetProperty("cores").GetInt32() > 0));
            }

            // A status claiming to be a's, signed by a key another root certified: refused as a wrong key.
            using (var otherRoot = P256Keys.New())
            {
                var (wrongKey, wrongCertificate) = PeerServers.NewActiveKey(otherRoot);
                var spoofed = await PeerServers.PostStatusAsync(Node("b").Http, PeerServers.Status(Root("a"), Node("a").Url, Root("b"), wrongKey, wrongCertificate, DateTimeOffset.UtcNow));
                Assert.Equal(HttpStatusCode.Unauthorized, spoofed.StatusCode);
                Assert.Contains("signature does not chain to that peer's root", await DetailAsync(spoofed));
                wrongKey.Dispose();
            }

            // A genuine server whose root is in no seed: refused as unseeded.
            using (var strangerRoot = P256Keys.New())
            {
                var (strangerKey, strangerCertificate) = PeerServers.NewActiveKey(strangerRoot);
                var stranger = KeyFingerprint.Of(strangerRoot);
                var unseeded = await PeerServers.PostStatusAsync(Node("b").Http, PeerServers.Status(stranger, "http://127.0.0.1:9", Root("b"), strangerKey, strangerCertificate, DateTimeOffset.UtcNow));
                Assert.Equal(HttpStatusCode.Forbidden, unseeded.StatusCode);
                Assert.Contains($"root {stranger} is not a peer in this server's cluster seed", await DetailAsync(unseeded));
                strangerKey.Dispose();
            }

            // A status genuinely signed with a's active key is taken once; the same bytes again are a replay.
            var genuine = PeerServers.Status(Root("a"), Node("a").Url, Root("b"), aKey, aCertificate, DateTimeOffset.UtcNow);
            var first = await PeerServers.PostStatusAsync(Node("b").Http, genuine);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var reply = SignedPeerStatus.Read(await first.Content.ReadAsStringAsync());
            reply.Verify(Root("b"));
            Assert.Equal(Root("a"), reply.Status.RecipientRootFingerprint);
            var replayed = await PeerServers.PostStatusAsync(Node("b").Http, genuine);
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
            Assert.Contains("seen before", await DetailAsync(replayed));
            // An old status with a fresh nonce is outside the replay window.
            var old = await PeerServers.PostStatusAsync(Node("b").Http, PeerServers.Status(Root("a"), Node("a").Url, Root("b"), aKey, aCertificate, DateTimeOffset.UtcNow.AddSeconds(-45)));
            Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
            Assert.Contains("refused as replays", await DetailAsync(old));
            // A status addressed to c, sent to b.
            var misdirected = await PeerServers.PostStatusAsync(Node("b").Http, PeerServers.Status(Root("a"), Node("a").Url, Root("c"), aKey, aCertificate, DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.Forbidden, misdirected.StatusCode);
            aKey.Dispose();

            // One job waits on a (its dispatcher is off): the next job created there comes with the least loaded peer.
            var api = new MesaApi(() => Node("a").Http, smtp);
            var access = await api.SignInAsync();
            var (queuedJob, completed) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
            await PeerServers.WaitForAsync(Node("b").Http, v => PeerServers.Peer(v, "server a").GetProperty("queue_length").GetInt32() == 1, Converge, "b hearing a's queue");
            var created = await api.SendAsync(HttpMethod.Post, "/jobs", access, new { name = "second" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var suggested = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggested_server");
            Assert.Contains(suggested.GetProperty("label").GetString(), new[] { "server b", "server c" });
            var suggestedName = suggested.GetProperty("label").GetString()![^1..];
            Assert.Equal(Node(suggestedName).Url, suggested.GetProperty("base_url").GetString());
            Assert.Equal(0, suggested.GetProperty("queue_length").GetInt32());
            Assert.Equal(1, suggested.GetProperty("queue_length_here").GetInt32());
            var profile = SignedServerProfile.Verify(suggested.GetProperty("profile").GetRawText(), Root(suggestedName));
            Assert.Equal(Node(suggestedName).Url, profile.Server.BaseUrl);
            // b's queue is empty: it suggests nothing (routing is off there anyway).
            var bApi = new MesaApi(() => Node("b").Http, smtp);
            var atB = await bApi.SendAsync(HttpMethod.Post, "/jobs", await bApi.SignInAsync(), new { name = "at b" });
            Assert.Equal(JsonValueKind.Null, (await atB.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggested_server").ValueKind);
            Assert.Equal("queued", (await api.JobAsync(access, queuedJob)).GetProperty("state").GetString());

            // The CLI prints the suggestion and keeps the job here unless told; told, it moves the workload there.
            var cli = Directory.CreateDirectory(Path.Combine(folder, "cli")).FullName;
            var project = Workloads.WorkedExampleFolder();
            var (stayingUser, _, _) = await CliSignIn.RunAsync(Node("a").Url, smtp, cli, "staying.json");
            var stays = CliRunner.Run("submit", "--credentials", stayingUser, project);
            Assert.True(stays.ExitCode == 0, stays.Stderr);
            Assert.Contains($"peer '{suggested.GetProperty("label").GetString()}' at {Node(suggestedName).Url} has 0", stays.Stderr);
            Assert.Contains("The job stays here", stays.Stderr);
            Assert.Contains("is queued", stays.Stdout);
            var (movingUser, _, _) = await CliSignIn.RunAsync(Node("a").Url, smtp, cli, "moving.json");
            var (thereUser, _, _) = await CliSignIn.RunAsync(Node(suggestedName).Url, smtp, cli, "there.json");
            var moved = CliRunner.Run("submit", "--credentials", movingUser, project, "--use-suggested", "--suggested-credentials", thereUser, "--json");
            Assert.True(moved.ExitCode == 0, moved.Stderr);
            var movedJob = JsonDocument.Parse(moved.Stdout).RootElement.GetProperty("job_id").GetString()!;
            Assert.True(CliRunner.Run("status", movedJob, "--credentials", thereUser).ExitCode == 0, "the moved job is not on the suggested server");
            var cancelledHere = JsonDocument.Parse(CliRunner.Run("status", "--credentials", movingUser, "--json").Stdout).RootElement;
            Assert.Equal("cancelled", cancelledHere.GetProperty("items")[0].GetProperty("state").GetString());
            Directory.Delete(project, recursive: true);

            // c is killed: within the timeout (plus an interval for the last exchange in flight) a and b call it unreachable.
            Node("c").Crash();
            var deadline = TimeSpan.FromSeconds(4 + 1 + 5);
            foreach (var name in new[] { "a", "b" })
            {
                var view = await PeerServers.WaitForAsync(Node(name).Http, v => PeerServers.Peer(v, "server c").GetProperty("state").GetString() == "unreachable",
                    deadline, $"server {name} marking c unreachable");
                Assert.NotNull(PeerServers.Peer(view, "server c").GetProperty("last_error").GetString());
                Assert.Equal("reachable", PeerServers.Peer(view, name == "a" ? "server b" : "server a").GetProperty("state").GetString());
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NodeProcess.FailureWithLogs(e, nodes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            Directory.Delete(logs, recursive: true);
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await MesaApi.ProblemAsync(response)).GetProperty("detail").GetString()!;
}
