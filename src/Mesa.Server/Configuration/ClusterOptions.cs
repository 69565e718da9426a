namespace Mesa.Server.Configuration;

/// <summary>
/// The Orleans silo this node hosts (section <c>Mesa:Cluster</c>): its endpoint, the cluster it joins and how fast a
/// silo that stopped answering is declared dead. Several silos need the <c>postgres</c> state store.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Silo-to-silo port; 0 picks a free one at start (fine on one host, set a fixed one behind a firewall).</summary>
    public int SiloPort { get; set; }

    /// <summary>The address other silos reach this one at; Orleans picks this host's first non-loopback address when empty (embedded: loopback).</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Silos with the same cluster id on the same store form one cluster.</summary>
    public string ClusterId { get; set; } = "mesa";

    /// <summary>How often the silo hosting the queue re-checks the queue, membership and the jobs of lost silos.</summary>
    public double QueueTickSeconds { get; set; } = 1;

    /// <summary>Failure detection (Orleans' ClusterMembershipOptions); see deploy/README.md for the trade-off.</summary>
    public MembershipOptions Membership { get; set; } = new();

    /// <summary>The version this node reports; the build's version when empty.</summary>
    public string? NodeVersion { get; set; }

    /// <summary>Whether this node offers a GPU; detected (ILGPU finds a CUDA device) when not set.</summary>
    public bool? Gpu { get; set; }

    /// <summary>
    /// Lets scripts call <c>/admin/cluster</c> and <c>/admin/profile</c> with the <c>X-Mesa-Admin-Key</c> header;
    /// signed-in console admins need none. With none configured those endpoints answer 403 to scripts.
    /// </summary>
    public string? AdminApiKey { get; set; }
}
