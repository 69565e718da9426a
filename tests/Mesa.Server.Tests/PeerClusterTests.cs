using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>
/// Server x is two silo processes on one PostgreSQL schema and data folder; server y is one process. Both silos of x
/// keep the gossip with y running, yet only one <c>ServerPeerGrain</c> for y is active in x's cluster at a time; when
/// the silo holding it is killed, it comes back on the other one and y keeps hearing x.
/// </summary>
public sealed class PeerClusterTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);

    // Membership declares a killed silo dead after its missed probes; the grain then reactivates on the survivor.
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_peer_grain_runs_per_peer_across_the_silos_of_a_server_and_moves_when_its_silo_dies()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var smtp = new SmtpCapture();
        var folder = Directory.CreateTempSubdirectory("mesa-peer-cluster-").FullName;
        var logs = Directory.CreateTempSubdirectory("mesa-peer-cluster-logs-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var (xData, xRoot, xFingerprint) = PeerServers.NewServerFolder(folder, "x");
            var (yData, yRoot, yFingerprint) = PeerServers.NewServerFolder(folder, "y");
            foreach (var silo in new[] { "x1", "x2" })
            {
                var settings = ClusterNodes.Settings(xData, postgres.ConnectionString, smtp.Port);
                foreach (var (key, value) in PeerServers.Settings(xData, smtp.Port).Where(s => s.Key.StartsWith("Mesa:Peers:", StringComparison.Ordinal)))
                    settings[key] = value;
                settings["Mesa:Cluster:AdminApiKey"] = PeerServers.AdminKey;
                nodes.Add(await NodeProcess.StartAsync(silo, logs, settings));
            }
            nodes.Add(await NodeProcess.StartAsync("y", logs, PeerServers.Settings(yData, smtp.Port)));
            NodeProcess Node(string name) => nodes.Single(n => n.Name == name);

            var peers = new[] { (Node("x1").Url, xFingerprint, "server x"), (Node("y").Url, yFingerprint, "server y") };
            foreach (var (node, root) in new[] { ("x1", xRoot), ("y", yRoot) })
            {
                var imported = PeerServers.ImportSeed(Node(node).Url, PeerServers.CreateSeed(folder, root, 1, peers));
                Assert.True(imported.ExitCode == 0, imported.Stderr);
            }
            foreach (var silo in new[] { "x1", "x2" })
                await PeerServers.WaitForAsync(Node(silo).Http, v => PeerServers.Peer(v, "server y").GetProperty("state").GetString() == "reachable", Converge, $"{silo} hearing y");
            var heard = await PeerServers.WaitForAsync(Node("y").Http, v => PeerServers.Peer(v, "server x").GetProperty("state").GetString() == "reachable", Converge, "y hearing x");

            // Both silos' gossip services ask for the grain every interval; a few intervals later, one activation still did all the work.
            var sentAt = PeerServers.Peer(heard, "server x").GetProperty("sent_at").GetDateTimeOffset();
            await PeerServers.WaitForAsync(Node("y").Http, v => PeerServers.Peer(v, "server x").GetProperty("sent_at").GetDateTimeOffset() > sentAt.AddSeconds(3),
                Converge, "y hearing x for three more seconds");
            var activations = nodes.Where(n => n.Name.StartsWith('x')).Select(n => (Node: n, Count: Activations(n, yFingerprint))).ToList();
            Assert.True(activations.Sum(a => a.Count) == 1, $"activations of y's grain per silo: {string.Join(", ", activations.Select(a => $"{a.Node.Name} {a.Count}"))}");

            var holder = activations.Single(a => a.Count == 1).Node;
            var survivor = activations.Single(a => a.Count == 0).Node;
            holder.Crash();
            var deadline = DateTime.UtcNow + Failover;
            while (Activations(survivor, yFingerprint) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"y's grain did not come back on {survivor.Name} within {Failover.TotalSeconds} s:\n{survivor.LogTail()}");
                await Task.Delay(200);
            }
            // The survivor's grain keeps y hearing x (pushed to y, whatever silo y's seed names).
            var moved = DateTimeOffset.UtcNow;
            await PeerServers.WaitForAsync(Node("y").Http, v => PeerServers.Peer(v, "server x") is var x
                && x.GetProperty("sent_at").GetDateTimeOffset() > moved && x.GetProperty("state").GetString() == "reachable", Converge, "y hearing x from the surviving silo");
            await PeerServers.WaitForAsync(survivor.Http, v => PeerServers.Peer(v, "server y").GetProperty("state").GetString() == "reachable", Converge, "the survivor hearing y");
            Assert.Equal(1, Activations(survivor, yFingerprint));
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

    /// <summary>How many activations of the grain for peer <paramref name="root"/> the silo logged: each logs its first state once.</summary>
    private static int Activations(NodeProcess silo, string root) =>
        PeerServers.StateLines(silo.Log(), root).Count(l => l.Previous == PeerServers.FirstSeen);
}
