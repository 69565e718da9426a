using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>The admin key guard on <c>/admin/cluster</c> and the embedded node's view of itself.</summary>
public sealed class ClusterAdminTests
{
    [Fact]
    public async Task The_cluster_view_is_off_without_a_configured_key_and_needs_the_key_when_configured()
    {
        await using var host = await ServerHost.StartAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync("/admin/cluster")).StatusCode);

        await host.RestartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = "right-key" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/admin/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Admin(host, "wrong-key")).StatusCode);

        JsonElement view = default;
        for (var i = 0; i < 50; i++)
        {
            view = await (await Admin(host, "right-key")).Content.ReadFromJsonAsync<JsonElement>();
            if (view.GetProperty("healthy_nodes").GetInt32() == 1 && view.GetProperty("nodes")[0].GetProperty("address").ValueKind == JsonValueKind.String) break;
            await Task.Delay(100);
        }
        // The embedded silo keeps its membership in memory: after the restart only the new silo is a member, and it
        // hosts the queue.
        Assert.Equal(1, view.GetProperty("healthy_nodes").GetInt32());
        var nodes = view.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["healthy"], nodes.Select(n => n.GetProperty("health").GetString()));
        Assert.Equal(("dispatcher", "Active"), (nodes[0].GetProperty("role").GetString(), nodes[0].GetProperty("silo_status").GetString()));
        Assert.Equal(view.GetProperty("dispatcher").GetString(), nodes[0].GetProperty("id").GetString());
        Assert.Equal(host.Http.BaseAddress!.ToString().TrimEnd('/'), nodes[0].GetProperty("address").GetString());
        Assert.Equal(Environment.ProcessorCount, nodes[0].GetProperty("cores").GetInt32());
    }

    private static Task<HttpResponseMessage> Admin(ServerHost host, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/cluster");
        request.Headers.Add("X-Mesa-Admin-Key", key);
        return host.Http.SendAsync(request);
    }
}
