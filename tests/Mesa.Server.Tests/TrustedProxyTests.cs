using System.Net;
using System.Net.Http.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>X-Forwarded-For decides the client address for the per-IP limit only when the peer is a configured proxy.</summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task Forwarded_addresses_from_an_untrusted_peer_are_ignored()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Auth:RequestsPerIpPerWindow"] = "2" });
        // Three "clients" that are really one: the third request shares the first two's window.
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterFromAsync(host, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterFromAsync(host, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegisterFromAsync(host, "203.0.113.3")).StatusCode);
    }

    [Fact]
    public async Task A_trusted_proxy_passes_on_the_real_client_address()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Auth:RequestsPerIpPerWindow"] = "2",
            ["Mesa:Network:TrustedProxies:0"] = "127.0.0.0/8",
        });
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
            Assert.Equal(HttpStatusCode.Accepted, (await RegisterFromAsync(host, client)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterFromAsync(host, "203.0.113.1")).StatusCode);
        var limited = await RegisterFromAsync(host, "203.0.113.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await MesaApi.ProblemAsync(limited);
    }

    private static async Task<HttpResponseMessage> RegisterFromAsync(ServerHost host, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
        {
            Content = JsonContent.Create(new { name = "Proxy Tester", email = MesaApi.NewEmail(), affiliation = "Test Institute", project_summary = "Proxies" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await host.Http.SendAsync(request);
    }
}
