namespace Mesa.Server.Configuration;

/// <summary>How the job dispatcher runs.</summary>
public sealed class ProcessingSettings
{
    /// <summary>False for a node that only serves the API; queued jobs then wait for a node that dispatches.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Worker threads per job; all cores when 0.</summary>
    public int Threads { get; set; }

    /// <summary>Engine per stage, as <c>mesa-cloud process --engine</c> takes it: cpu, postgis or intersect=…,flatten=….</summary>
    public string Engine { get; set; } = "cpu";

    /// <summary>Npgsql connection string of the PostGIS database a postgis engine stages jobs into.</summary>
    public string? PostGisConnectionString { get; set; }

    /// <summary>How often the dispatcher looks for queued jobs when nothing woke it.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>A run taking longer is stopped and the job failed (its outputs removed, its owner mailed).</summary>
    public double MaxJobMinutes { get; set; } = 12 * 60;
}
