using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>
/// When a job should end, from the stage timings recorded for earlier jobs: each stage's seconds per uploaded
/// byte over its most recent runs, times the job's upload size, for the stages still ahead of it and of every
/// job before it in the queue. Null until every stage has a recorded timing.
/// </summary>
public sealed class EtaEstimator(JobRepository jobs, TimeProvider clock)
{
    private const int RunsPerStage = 20;

    public DateTimeOffset? Estimate(JobRecord job)
    {
        if (job.State is not (JobState.AwaitingUpload or JobState.Queued or JobState.Running)) return null;
        if (Rates() is not { } rates) return null;
        var seconds = Remaining(job, rates);
        if (job.State != JobState.Running)
            foreach (var earlier in jobs.Ahead(job))
                seconds += Remaining(earlier, rates);
        return seconds is { } known ? clock.GetUtcNow().AddSeconds(known) : null;
    }

    private Dictionary<string, double>? Rates()
    {
        var history = jobs.StageHistory(RunsPerStage * PipelineStages.All.Count * 2);
        var rates = new Dictionary<string, double>();
        foreach (var stage in PipelineStages.All)
        {
            var runs = history.Where(h => h.Stage == stage).Take(RunsPerStage).ToList();
            if (runs.Count == 0) return null;
            rates[stage] = runs.Sum(r => r.Seconds) / runs.Sum(r => (double)r.UploadBytes);
        }
        return rates;
    }

    // Stages before the current one are done (in this run, or in the run whose checkpoint it resumed after).
    private static double? Remaining(JobRecord job, Dictionary<string, double> rates)
    {
        if (job.UploadBytes is not { } bytes) return null;
        var current = job.State == JobState.Running && job.Stage is { } stage ? Math.Max(0, PipelineStages.All.ToList().IndexOf(stage)) : 0;
        var seconds = 0.0;
        for (var i = current; i < PipelineStages.All.Count; i++)
        {
            var share = i == current && job.State == JobState.Running ? 1 - job.Progress : 1;
            seconds += rates[PipelineStages.All[i]] * bytes * share;
        }
        return seconds;
    }
}
