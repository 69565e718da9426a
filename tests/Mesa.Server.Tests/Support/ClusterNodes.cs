using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// Real <c>mesa-server</c> processes forming one cluster on a PostgreSQL schema and a shared data folder: their
/// settings, and the cluster as <c>GET /admin/cluster</c> shows it.
/// </summary>
public static class ClusterNodes
{
    public const string AdminKey = "cluster-test-admin-key";

    public static Dictionary<string, string> Settings(string data, string connectionString, int smtpPort, string version = "1.0.0-test") => new()
    {
        ["Mesa:DataFolder"] = data,
        ["Mesa:State:Provider"] = "postgres",
        ["Mesa:State:ConnectionString"] = connectionString,
        ["Mesa:Smtp:Host"] = "127.0.0.1",
        ["Mesa:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mesa:Auth:RequestsPerIpPerWindow"] = "1000",
        ["Mesa:Auth:MailsPerEmailPerHour"] = "1000",
        ["Mesa:Processing:Threads"] = "1",
        ["Mesa:Cluster:AdvertisedIp"] = "127.0.0.1",
        ["Mesa:Cluster:NodeVersion"] = version,
        ["Mesa:Cluster:AdminApiKey"] = AdminKey,
    };

    public sealed record Node(string Id, string? Address, string? Version, string Health, bool? Gpu, string? RunningJob);

    /// <summary>The cluster view; the dispatcher is given by its HTTP address.</summary>
    public sealed record View(string? Dispatcher, IReadOnlyList<Node> Nodes)
    {
        public IReadOnlyList<Node> Healthy => Nodes.Where(n => n.Health == "healthy").ToList();

        public string? RunningJob(string jobId) => Nodes.FirstOrDefault(n => n.RunningJob == jobId)?.Address;

        public override string ToString() =>
            $"dispatcher {Dispatcher ?? "none"}; nodes: {string.Join("; ", Nodes.Select(n => $"{n.Id} {n.Address} {n.Version} {n.Health} gpu={n.Gpu} running={n.RunningJob}"))}";
    }

    /// <summary>Polls <c>/admin/cluster</c> on <paramref name="node"/> until <paramref name="done"/> holds (30 s unless told).</summary>
    public static async Task<View> WaitForAsync(NodeProcess node, Func<View, bool> done, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        View? view = null;
        while (clock.Elapsed < (within ?? TimeSpan.FromSeconds(30)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/cluster");
            request.Headers.Add("X-Mesa-Admin-Key", AdminKey);
            var json = await (await node.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            var nodes = json.GetProperty("nodes").EnumerateArray().Select(n => new Node(
                n.GetProperty("id").GetString()!, n.GetProperty("address").GetString(), n.GetProperty("version").GetString(),
                n.GetProperty("health").GetString()!, n.GetProperty("gpu").ValueKind == JsonValueKind.Null ? null : n.GetProperty("gpu").GetBoolean(),
                n.GetProperty("running_job").GetString())).ToList();
            var dispatcherId = json.GetProperty("dispatcher").GetString();
            view = new View(nodes.FirstOrDefault(n => n.Id == dispatcherId)?.Address, nodes);
            if (done(view)) return view;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The cluster did not reach the expected state within {within ?? TimeSpan.FromSeconds(30)}: {view}");
    }
}
