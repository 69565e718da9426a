using Mesa.Server.Security;

namespace Mesa.Server.Configuration;

/// <summary>Status gossip with the servers of the imported cluster seed (section <c>Mesa:Peers</c>).</summary>
public sealed class PeerOptions
{
    /// <summary>How often this server sends its status to each peer (and hears the peer's in the reply).</summary>
    public double IntervalSeconds { get; set; } = 15;

    /// <summary>A peer heard from no status for this long is unreachable; one exchange waits at most this long too.</summary>
    public double TimeoutSeconds { get; set; } = 45;

    /// <summary>A peer heard from no status for this long is stale: its last status is shown but not trusted for routing.</summary>
    public double StaleSeconds { get; set; } = 600;

    /// <summary>A status sent further than this from the receiver's clock is refused; its nonce is remembered this long.</summary>
    public double ReplayWindowSeconds { get; set; } = 120;

    /// <summary>
    /// PEM certificate files (a private CA, or a peer's self-signed certificate) trusted for peers' HTTPS besides the
    /// system's roots; the peer's host name is checked all the same.
    /// </summary>
    public string[] TrustedCertificates { get; set; } = [];

    /// <summary>How peers' certificates are checked; fails naming a file of <see cref="TrustedCertificates"/> that is unusable.</summary>
    public CertificateTrust CertificateTrust() => new(TrustedCertificates, "Mesa:Peers:TrustedCertificates");

    public PeerRoutingOptions Routing { get; set; } = new();
}

/// <summary>Suggesting a less loaded peer to clients; off unless an admin turns it on. Jobs are never moved silently.</summary>
public sealed class PeerRoutingOptions
{
    public bool Enabled { get; set; }

    /// <summary><c>POST /jobs</c> suggests a peer when more than this many jobs are queued here.</summary>
    public int QueueThreshold { get; set; } = 10;
}
