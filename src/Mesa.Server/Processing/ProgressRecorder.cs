using Mesa.Processing.Pipeline;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>
/// Persists pipeline progress, at most a few writes per second, always on a stage change; a stage's first report
/// is its start checkpoint.
/// </summary>
public sealed class ProgressRecorder(string jobId, string nodeId, long run, JobRepository jobs, TimeProvider clock) : IProgress<StageProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private string? _stage;
    private DateTimeOffset _lastWrite;

    public void Report(StageProgress value)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (value.Stage == _stage && now - _lastWrite < Interval && value.Fraction < 1) return;
            if (value.Stage != _stage) jobs.StartStage(jobId, run, value.Stage);
            _stage = value.Stage;
            _lastWrite = now;
            jobs.SaveProgress(jobId, nodeId, value.Stage, Math.Clamp(value.Fraction, 0, 1));
        }
    }
}
