namespace Mesa.Server.Configuration;

/// <summary>How long job files are kept (the plan: 48 hours after the job ends).</summary>
public sealed class RetentionOptions
{
    /// <summary>Outputs of an ended job, and uploads of a job never completed, are deleted this long after its last change.</summary>
    public double Minutes { get; set; } = 48 * 60;

    /// <summary>
    /// Outputs are deleted this long after the owner has downloaded a whole package or outputs-only zip; the grace lets an
    /// interrupted or corrupted download be fetched again.
    /// </summary>
    public double AfterDownloadMinutes { get; set; } = 60;

    /// <summary>How often the sweeper looks for expired job files.</summary>
    public double SweepSeconds { get; set; } = 300;
}
