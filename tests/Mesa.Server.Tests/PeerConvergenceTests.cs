using System.Net;
using System.Text.Json;
using Mesa.Server.Configuration;
using Mesa.Server.Peers;
using Mesa.Server.Security;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>
/// Three real <c>mesa-server</c> processes on HTTPS (a certificate from a CA made for the test, trusted through
/// <c>Mesa:Peers:TrustedCertificates</c>): every server's view of every other is current two gossip intervals after the
/// seeds are in force and after one of them changes, and a peer that stops answering is logged once per change of
/// state, not once per interval.
/// </summary>
public sealed class PeerConvergenceTests
{
    private const double IntervalSeconds = 1;
    private const double TimeoutSeconds = 4;
    private const double StaleSeconds = 8;

    /// <summary>
    /// Slack on top of two intervals for process scheduling: the test machine runs three servers, their silos and the
    /// test itself on a couple of shared cores, and an exchange is two TLS requests, two signatures, two checks and two
    /// database writes. Gossip that missed an interval (a timer not started, a status not kept) is late by whole intervals.
    /// </summary>
    private static readonly TimeSpan SchedulingTolerance = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2 * IntervalSeconds) + SchedulingTolerance;

    [Fact]
    public async Task Https_servers_converge_within_two_intervals_and_log_a_silent_peer_once_per_state()
    {
        await using var smtp = new SmtpCapture();
        var folder = Directory.CreateTempSubdirectory("mesa-converge-").FullName;
        var logs = Directory.CreateTempSubdirectory("mesa-converge-logs-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var tls = LoopbackTls.Create(folder, "peers");
            Func<HttpMessageHandler> trusting = () => Trusting(tls.CaPath).Handler();
            var servers = new[] { "a", "b", "c" }.Select(name => (Name: name, Folder: PeerServers.NewServerFolder(folder, name))).ToList();
            foreach (var (name, (data, _, _)) in servers)
            {
                var settings = PeerServers.Settings(data, smtp.Port);
                tls.AddTo(settings);
                settings["Mesa:Peers:IntervalSeconds"] = Seconds(IntervalSeconds);
                settings["Mesa:Peers:TimeoutSeconds"] = Seconds(TimeoutSeconds);
                settings["Mesa:Peers:StaleSeconds"] = Seconds(StaleSeconds);
                // Each server reports a version of its own, so a status shown under the wrong peer cannot pass.
                settings["Mesa:Cluster:NodeVersion"] = Version(name);
                // a keeps its jobs queued, so its queue length is a change the others must see.
                if (name == "a") settings["Mesa:Processing:DispatcherEnabled"] = "false";
                nodes.Add(await NodeProcess.StartAsync(name, logs, settings, trusting));
            }
            NodeProcess Node(string name) => nodes.Single(n => n.Name == name);
            string Root(string name) => servers.Single(s => s.Name == name).Folder.Fingerprint;
            Assert.All(nodes, n => Assert.StartsWith("https://127.0.0.1:", n.Url));

            // Peers check each other's certificate: only through the configured CA, and only for the name it was issued to.
            await AssertRefusedAsync(Trusting().Handler(), Node("a").Url);
            var otherCa = LoopbackTls.Create(folder, "other");
            await AssertRefusedAsync(Trusting(otherCa.CaPath).Handler(), Node("a").Url);
            await AssertRefusedAsync(Trusting(tls.CaPath).Handler(), Node("a").Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
            using (var trusted = new HttpClient(Trusting(tls.CaPath).Handler()))
                Assert.Equal(HttpStatusCode.OK, (await trusted.GetAsync(Node("a").Url + "/health/ready")).StatusCode);

            var everyone = servers.Select(s => (Node(s.Name).Url, s.Folder.Fingerprint, Label(s.Name))).ToArray();
            // The CLI refuses the private CA's certificate until told to trust it, and says how.
            var seedOfA = PeerServers.CreateSeed(folder, servers.Single(s => s.Name == "a").Folder.RootPath, 1, everyone);
            var untrusted = PeerServers.ImportSeed(Node("a").Url, seedOfA);
            Assert.Equal(1, untrusted.ExitCode);
            Assert.Contains("The server's HTTPS certificate was refused", untrusted.Stderr, StringComparison.Ordinal);
            Assert.Contains("MESA_TRUSTED_CERTIFICATES", untrusted.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, (await PeerServers.ViewAsync(Node("a").Http)).GetProperty("seeds").GetArrayLength());
            var trustingCa = new Dictionary<string, string> { ["MESA_TRUSTED_CERTIFICATES"] = tls.CaPath };
            foreach (var (name, (_, rootPath, _)) in servers)
            {
                var imported = PeerServers.ImportSeed(Node(name).Url, name == "a" ? seedOfA : PeerServers.CreateSeed(folder, rootPath, 1, everyone), trustingCa);
                Assert.True(imported.ExitCode == 0, imported.Stderr);
            }
            var seedsInForce = DateTimeOffset.UtcNow;

            // Two intervals after the last seed came into force, every view holds a status each peer sent since then.
            await AssertViewsAtDeadlineAsync(seedsInForce, queuedAtA: 0);

            // One job waits on a: two intervals later both other servers show a's queue as a sent it since.
            var api = new MesaApi(() => Node("a").Http, smtp);
            var access = await api.SignInAsync();
            var (job, completed) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
            Assert.Equal("queued", (await api.JobAsync(access, job)).GetProperty("state").GetString());
            await AssertViewsAtDeadlineAsync(DateTimeOffset.UtcNow, queuedAtA: 1);

            // c stops answering (SIGSTOP keeps its port): a logs it unreachable once, stale once, and reachable once it answers again.
            var logBefore = Node("a").Log().Length;
            Node("c").Pause();
            var staleAt = await WaitForStateLineAsync(Node("a"), logBefore, Root("c"), PeerEntry.Stale);
            // Two more failed exchanges while stale, which must add nothing to the log.
            var attempted = AttemptedAt(await PeerServers.ViewAsync(Node("a").Http));
            await PeerServers.WaitForAsync(Node("a").Http, v => AttemptedAt(v) > attempted, TimeSpan.FromSeconds(3 * (TimeoutSeconds + IntervalSeconds)), "a trying c again");
            attempted = AttemptedAt(await PeerServers.ViewAsync(Node("a").Http));
            await PeerServers.WaitForAsync(Node("a").Http, v => AttemptedAt(v) > attempted, TimeSpan.FromSeconds(3 * (TimeoutSeconds + IntervalSeconds)), "a trying c once more");
            Assert.Equal(staleAt, PeerServers.StateLines(Node("a").Log()[logBefore..], Root("c")).Count);
            Node("c").Resume();
            await WaitForStateLineAsync(Node("a"), logBefore, Root("c"), PeerEntry.Reachable);
            Assert.Equal(
                [(PeerEntry.Unreachable, PeerEntry.Reachable), (PeerEntry.Stale, PeerEntry.Unreachable), (PeerEntry.Reachable, PeerEntry.Stale)],
                PeerServers.StateLines(Node("a").Log()[logBefore..], Root("c")));
            Assert.DoesNotContain("Status exchange with peer", Node("a").Log(), StringComparison.Ordinal);

            async Task AssertViewsAtDeadlineAsync(DateTimeOffset since, int queuedAtA)
            {
                var wait = since + Deadline - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                foreach (var viewer in new[] { "a", "b", "c" })
                {
                    var view = await PeerServers.ViewAsync(Node(viewer).Http);
                    var peers = view.GetProperty("peers").EnumerateArray().ToList();
                    Assert.Equal(servers.Where(s => s.Name != viewer).Select(s => Root(s.Name)), peers.Select(p => p.GetProperty("root_fingerprint").GetString()));
                    foreach (var peer in peers)
                    {
                        var name = servers.Single(s => Root(s.Name) == peer.GetProperty("root_fingerprint").GetString()).Name;
                        var what = $"{viewer}'s view of {name} {Deadline.TotalSeconds} s after {since:O}: {peer}";
                        Assert.True(peer.GetProperty("state").GetString() == PeerEntry.Reachable, what);
                        Assert.True(peer.GetProperty("sent_at").GetDateTimeOffset() >= since, what);
                        Assert.True(peer.GetProperty("age_seconds").GetDouble() <= Deadline.TotalSeconds, what);
                        Assert.True(peer.GetProperty("version").GetString() == Version(name), what);
                        Assert.True(peer.GetProperty("health").GetString() == "healthy", what);
                        Assert.True(peer.GetProperty("queue_length").GetInt32() == (name == "a" ? queuedAtA : 0), what);
                        Assert.True(peer.GetProperty("running_jobs").GetInt32() == 0, what);
                        Assert.True(peer.GetProperty("capacity").GetProperty("cores").GetInt32() == Environment.ProcessorCount, what);
                        Assert.True(peer.GetProperty("base_url").GetString() == Node(name).Url, what);
                    }
                }
            }

            DateTimeOffset AttemptedAt(JsonElement view) => PeerServers.Peer(view, Label("c")).GetProperty("attempted_at").GetDateTimeOffset();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NodeProcess.FailureWithLogs(e, nodes, 60);
        }
        finally
        {
            foreach (var node in nodes)
            {
                if (!node.HasExited) node.Resume();
                await node.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
            Directory.Delete(logs, recursive: true);
        }
    }

    private static string Label(string name) => $"server {name}";

    private static string Version(string name) => $"1.0.0-{name}";

    private static string Seconds(double seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static CertificateTrust Trusting(params string[] certificates) => new PeerOptions { TrustedCertificates = certificates }.CertificateTrust();

    private static async Task AssertRefusedAsync(HttpMessageHandler handler, string url)
    {
        using var client = new HttpClient(handler);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url + "/health/ready"));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
    }

    /// <summary>Waits (30 s at most) until <paramref name="node"/> logged, after <paramref name="from"/>, that peer <paramref name="root"/> is now <paramref name="state"/>.</summary>
    /// <returns>How many state lines about that peer the log holds after <paramref name="from"/> by then.</returns>
    private static async Task<int> WaitForStateLineAsync(NodeProcess node, int from, string root, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var lines = PeerServers.StateLines(node.Log()[from..], root);
            if (lines.Any(l => l.State == state)) return lines.Count;
            await Task.Delay(100);
        }
        throw new TimeoutException($"node {node.Name} did not log peer {root} {state} within 30 s");
    }
}
