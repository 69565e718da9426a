using Mesa.Server.Grains;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>The JSON shapes of a job as returned to its owner.</summary>
public static class JobViews
{
    public static object Summary(JobRecord job) => new
    {
        job_id = job.Id,
        name = job.Name,
        state = job.State,
        stage = job.Stage,
        progress_percent = Math.Round(job.Progress * 100, 1),
        created_at = DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedMs),
        updated_at = DateTimeOffset.FromUnixTimeMilliseconds(job.UpdatedMs),
        error = job.Error,
    };

    public static object Detail(JobDetail detail) => Detail(detail.Job, detail);

    private static object Detail(JobRecord job, JobDetail detail) => new
    {
        job_id = job.Id,
        name = job.Name,
        state = job.State,
        stage = job.Stage,
        progress_percent = Math.Round(job.Progress * 100, 1),
        queue_position = detail.QueuePosition,
        eta = detail.Eta,
        created_at = DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedMs),
        updated_at = DateTimeOffset.FromUnixTimeMilliseconds(job.UpdatedMs),
        upload_bytes = job.UploadBytes,
        upload_sha256 = job.UploadSha256,
        error = job.Error,
        downloaded_at = Time(job.DownloadedMs),
        stages = detail.Stages.Select(s => new { s.Stage, s.Run, started_at = Time(s.StartedMs), finished_at = Time(s.FinishedMs), s.Seconds }),
        log_tail = detail.LogTail.Select(l => new { at = DateTimeOffset.FromUnixTimeMilliseconds(l.AtMs), level = l.Level, message = l.Message }),
    };

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
