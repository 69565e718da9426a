using System.Net;
using Mesa.Server.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Mesa.Server.Security;

/// <summary>
/// Believes X-Forwarded-For/-Proto only from the reverse proxies in <see cref="NetworkOptions.TrustedProxies"/>,
/// so the per-IP rate limits and logs see the real client; anyone else's headers are ignored (a client cannot
/// pick its own address to dodge a limit).
/// </summary>
public static class TrustedProxies
{
    public static void AddMesaForwardedHeaders(this IServiceCollection services, NetworkOptions network)
    {
        if (network.TrustedProxies.Count == 0) return;
        var proxies = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var entry in network.TrustedProxies.Select(p => p.Trim()))
        {
            if (IPNetwork.TryParse(entry, out var range) && entry.Contains('/')) networks.Add(range);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"Mesa:Network:TrustedProxies: '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
        }
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here. (The lists are never left
            // empty: the middleware trusts every peer when both are.)
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
            foreach (var range in networks) forwarded.KnownIPNetworks.Add(range);
            // Behind a chain of trusted proxies, walk back to the first untrusted address.
            forwarded.ForwardLimit = null;
        });
    }

    public static void UseMesaForwardedHeaders(this WebApplication app, NetworkOptions network)
    {
        if (network.TrustedProxies.Count > 0) app.UseForwardedHeaders();
    }
}
