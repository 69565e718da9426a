using Mesa.Processing.Pipeline;

namespace Mesa.Server.Processing;

/// <summary>
/// Reports pipeline progress to the job, at most a few times per second, always on a stage change; a stage's first
/// report is its start checkpoint.
/// </summary>
public sealed class ProgressRecorder(string silo, long run, JobReporter reporter, TimeProvider clock) : IProgress<StageProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private string? _stage;
    private DateTimeOffset _lastReport;

    public void Report(StageProgress value)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (value.Stage == _stage && now - _lastReport < Interval && value.Fraction < 1) return;
            var stage = value.Stage;
            if (stage != _stage) reporter.Post(job => job.StartStageAsync(run, stage));
            _stage = stage;
            _lastReport = now;
            var fraction = Math.Clamp(value.Fraction, 0, 1);
            reporter.Post(job => job.ReportProgressAsync(silo, stage, fraction));
        }
    }
}
