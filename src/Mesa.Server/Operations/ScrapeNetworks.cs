using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace Mesa.Server.Operations;

/// <summary>The parsed <see cref="Configuration.MetricsOptions.ScrapeNetworks"/>: a lone address counts as a network of one.</summary>
public sealed class ScrapeNetworks
{
    private readonly List<IPNetwork> _networks = [];

    /// <exception cref="InvalidOperationException">An entry is neither an address nor a network.</exception>
    public ScrapeNetworks(IEnumerable<string> entries)
    {
        foreach (var entry in entries.Select(e => e.Trim()))
        {
            if (entry.Contains('/') && IPNetwork.TryParse(entry, out var network)) _networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) _networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else throw new InvalidOperationException($"Mesa:Metrics:ScrapeNetworks: '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
        }
    }

    public bool Contains(IPAddress client)
    {
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return _networks.Any(n => n.Contains(address));
    }
}
