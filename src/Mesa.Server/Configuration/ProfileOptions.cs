namespace Mesa.Server.Configuration;

/// <summary>What the exported server profile says about this server beyond the other settings.</summary>
public sealed class ProfileOptions
{
    /// <summary>The stable DNS name clients use; the host of <see cref="MesaOptions.PublicBaseUrl"/> (or of the request) when empty.</summary>
    public string? DnsName { get; set; }

    /// <summary>An optional fixed IP address, shown to clients as a hint.</summary>
    public string? Ip { get; set; }

    public string Environment { get; set; } = "production";

    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>GPUs the profile announces; when not set, the CUDA devices ILGPU finds on this node.</summary>
    public int? GpuCount { get; set; }

    /// <summary>The announced GPU model; when not set, the first detected device's.</summary>
    public string? GpuType { get; set; }

    public string Scope { get; set; } = "intersect flatten segment tiles";
}
