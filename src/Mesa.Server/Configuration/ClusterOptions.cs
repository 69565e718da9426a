namespace Mesa.Server.Configuration;

/// <summary>Membership, leases and the admin guard (section <c>Mesa:Cluster</c>); several nodes need the <c>postgres</c> state store.</summary>
public sealed class ClusterOptions
{
    /// <summary>How often a node records that it is alive, and how often the dispatcher looks for expired leases.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>A node silent this long is unhealthy: the dispatcher places nothing on it.</summary>
    public double NodeTimeoutSeconds { get; set; } = 10;

    /// <summary>A running job's lease; its node renews it every third of this, and an expired lease requeues the job.</summary>
    public double LeaseSeconds { get; set; } = 10;

    /// <summary>The version this node reports; the build's version when empty.</summary>
    public string? NodeVersion { get; set; }

    /// <summary>Whether this node offers a GPU; detected (<c>/dev/nvidia0</c>) when not set.</summary>
    public bool? Gpu { get; set; }

    /// <summary>
    /// Guards <c>/admin/*</c> until user accounts carry an admin role: requests must send it in the
    /// <c>X-Mesa-Admin-Key</c> header. With none configured the admin endpoints answer 403.
    /// </summary>
    public string? AdminApiKey { get; set; }
}
