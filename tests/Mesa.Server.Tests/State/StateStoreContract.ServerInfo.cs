using Mesa.Server.Operations;

namespace Mesa.Server.Tests.State;

/// <summary>The environment probe's history: the same rows, in the same order, on every provider.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public void Server_info_keeps_every_probe_and_finds_each_nodes_latest()
    {
        var log = new ServerInfoLog(Database);
        var first = log.Record(Probe("node-a", Clock.GetUtcNow()));
        var other = log.Record(Probe("node-b", Clock.GetUtcNow()));
        var second = log.Record(Probe("node-a", Clock.GetUtcNow().AddSeconds(1)));

        Assert.True(first < other && other < second);
        var latest = log.Latest("node-a")!;
        Assert.Equal(second, (long)latest["seq"]!);
        Assert.Equal("node-a", (string?)latest["node"]);
        Assert.Equal(8, (int)latest["host"]!["cores"]!);
        Assert.Equal([second, other], log.Newest(2).Select(p => (long)p["seq"]!));
        Assert.Null(log.Latest("node-c"));
    }

    private static ServerInfo Probe(string node, DateTimeOffset at) => new(
        at, node, new HostFacts("Test OS", "6.0", "X64", "Test CPU", 8, 1 << 30, 1 << 29),
        [new DiskCheck("/data", "/", "ext4", 1 << 30, 1 << 29, 1.5, 0.2, null)], "sqlite", "cpu", [], new GpuQuery([], null, null, null),
        new PackageVersions(".NET 10", new Dictionary<string, string> { ["Npgsql"] = "10.0.3" }));
}
