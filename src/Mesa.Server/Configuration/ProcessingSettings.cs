namespace Mesa.Server.Configuration;

/// <summary>How this node processes jobs (section <c>Mesa:Processing</c>).</summary>
public sealed class ProcessingSettings
{
    /// <summary>False for a node that only serves the API: its silo is never given jobs.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Worker threads per job; all cores when 0.</summary>
    public int Threads { get; set; }

    /// <summary>Engine per stage, as <c>mesa-cloud process --engine</c> takes it: cpu, postgis, gpu or intersect=…,flatten=….</summary>
    public string Engine { get; set; } = "cpu";

    /// <summary>
    /// Where the gpu engine's kernels run, as <c>mesa-cloud process --gpu-accelerator</c> takes it: cuda (a GPU), or
    /// cpu (ILGPU's CPU accelerator: a slow check of the kernels on a machine without a GPU, never for production).
    /// </summary>
    public string GpuAccelerator { get; set; } = "cuda";

    /// <summary>Npgsql connection string of the PostGIS database a postgis engine stages jobs into.</summary>
    public string? PostGisConnectionString { get; set; }

    /// <summary>A run taking longer is stopped and the job failed (its outputs removed, its owner mailed).</summary>
    public double MaxJobMinutes { get; set; } = 12 * 60;
}
