using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>
/// The console's activity plots, from the shared jobs table (so they survive restarts and cover every node): queue
/// length sampled over the window, each ended job's run time, failures per hour.
/// </summary>
public sealed class ActivityHistory(StateDatabase database)
{
    public const int SampleMinutes = 10;

    public sealed record Sample(long AtMs, int Queued);

    public sealed record EndedJob(string Id, string State, long EndedMs, double? Seconds);

    public sealed record Hour(long StartMs, int Failed, int Finished);

    public sealed record Activity(long FromMs, long ToMs, IReadOnlyList<Sample> QueueLength, IReadOnlyList<EndedJob> Ended, IReadOnlyList<Hour> Hours);

    public Activity Last(TimeSpan window)
    {
        var to = database.NowMs();
        var from = to - (long)window.TotalMilliseconds;
        List<JobTimeline> jobs;
        using (var connection = database.Open())
            jobs = connection.Query<JobTimeline>(
                "SELECT id AS Id, state AS State, queued_ms AS QueuedMs, started_ms AS StartedMs, updated_ms AS UpdatedMs FROM jobs " +
                "WHERE (queued_ms IS NOT NULL AND queued_ms <= @to AND (state = @queued OR updated_ms >= @from)) " +
                "OR (state IN (@finished, @failed, @cancelled) AND updated_ms >= @from)",
                new { from, to, queued = JobState.Queued, finished = JobState.Finished, failed = JobState.Failed, cancelled = JobState.Cancelled }).ToList();

        var samples = new List<Sample>();
        for (var at = from; at <= to; at += SampleMinutes * 60_000L)
            samples.Add(new Sample(at, jobs.Count(j => j.QueuedMs is { } queued && queued <= at && at < LeftQueue(j, to))));
        var ended = jobs.Where(j => j.State is JobState.Finished or JobState.Failed or JobState.Cancelled && j.UpdatedMs >= from)
            .OrderBy(j => j.UpdatedMs)
            .Select(j => new EndedJob(j.Id, j.State, j.UpdatedMs, j.StartedMs is { } started && started <= j.UpdatedMs ? (j.UpdatedMs - started) / 1000.0 : null))
            .ToList();
        var hours = new List<Hour>();
        for (var start = from; start < to; start += 3_600_000L)
        {
            var inHour = ended.Where(e => e.EndedMs >= start && e.EndedMs < start + 3_600_000L).ToList();
            hours.Add(new Hour(start, inHour.Count(e => e.State == JobState.Failed), inHour.Count(e => e.State == JobState.Finished)));
        }
        return new Activity(from, to, samples, ended, hours);
    }

    // A run that started after the job was queued ended its wait; a job still queued waits on; otherwise (cancelled
    // while queued) its last change ended the wait.
    private static long LeftQueue(JobTimeline job, long now) =>
        job.StartedMs is { } started && started >= job.QueuedMs ? started
        : job.State == JobState.Queued ? now + 1
        : job.UpdatedMs;
}
