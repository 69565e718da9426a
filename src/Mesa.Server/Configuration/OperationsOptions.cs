namespace Mesa.Server.Configuration;

/// <summary>Operating limits and the environment probe (section <c>Mesa:Operations</c>).</summary>
public sealed class OperationsOptions
{
    /// <summary>
    /// Free space the data folder's disk must keep: below it <c>/health/ready</c> answers 503 and this node starts no job
    /// (queued jobs wait). An admin may change it at run time in the console's settings.
    /// </summary>
    public long MinFreeDiskBytes { get; set; } = 1L << 30;

    /// <summary>How often each node checks its data folder's disk against <see cref="MinFreeDiskBytes"/>, queued jobs or not.</summary>
    public double DiskCheckSeconds { get; set; } = 30;

    /// <summary>A disk shortage mails the admins at most once per this many minutes across the cluster.</summary>
    public double DiskAlertMinutes { get; set; } = 60;

    /// <summary>Failed jobs within <see cref="FailedJobAlertMinutes"/> that alert the admins (at most once per window); 0 turns the alert off.</summary>
    public int FailedJobAlertCount { get; set; } = 5;

    public double FailedJobAlertMinutes { get; set; } = 60;

    /// <summary>Earlier probes <c>GET /admin/server-info</c> returns beside the latest.</summary>
    public int ProbeHistory { get; set; } = 10;
}
