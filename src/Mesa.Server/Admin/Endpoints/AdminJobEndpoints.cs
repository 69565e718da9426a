using System.Text.Json;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;
using Mesa.Server.Grains;
using Mesa.Server.Processing;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The queue and all jobs: priority, cancel, delete, requeue a failed job, detail with stage timings, live log tail (server-sent events).</summary>
public static class AdminJobEndpoints
{
    private const int DetailLogLines = 10_000;
    private static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(300);

    public static void MapAdminJobs(this RouteGroupBuilder api)
    {
        api.MapGet("/queue", Queue);
        api.MapGet("/jobs", List);
        api.MapGet("/jobs/{id}", Get);
        api.MapGet("/jobs/{id}/log/stream", StreamLogAsync);
        api.MapPost("/jobs/{id}/priority", SetPriorityAsync);
        api.MapPost("/jobs/{id}/cancel", CancelAsync);
        api.MapPost("/jobs/{id}/requeue", RequeueAsync);
        api.MapDelete("/jobs/{id}", DeleteAsync);
    }

    private static IResult Queue(AdminQueries queries, int? page, int? page_size)
    {
        var (number, size, problem) = AdminPaging.Read(page, page_size);
        if (problem is not null) return problem;
        var (jobs, total) = queries.Queue(number, size);
        return Results.Ok(AdminPaging.Page(number, size, total, jobs.Select(View)));
    }

    private static IResult List(AdminQueries queries, string? state, string? user, int? page, int? page_size)
    {
        var (number, size, problem) = AdminPaging.Read(page, page_size);
        if (problem is not null) return problem;
        if (state is not null && state is not (JobState.AwaitingUpload or JobState.Queued or JobState.Running or JobState.Finished or JobState.Failed or JobState.Cancelled))
            return Problems.Field("state", "must be one of awaiting_upload, queued, running, finished, failed, cancelled.");
        var (jobs, total) = queries.Jobs(state, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), number, size);
        return Results.Ok(AdminPaging.Page(number, size, total, jobs.Select(View)));
    }

    private static IResult Get(string id, JobRepository jobs, AdminQueries queries)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        var log = queries.LogAfter(job.Id, 0, DetailLogLines);
        return Results.Ok(new
        {
            job = View(job),
            queue_position = jobs.QueuePosition(job),
            upload_bytes = job.UploadBytes,
            upload_sha256 = job.UploadSha256,
            runs = job.Runs,
            cancel_requested = job.CancelRequested,
            purged_at = job.PurgedMs is { } purged ? DateTimeOffset.FromUnixTimeMilliseconds(purged) : (DateTimeOffset?)null,
            stage_timings = StageTimings.From(log),
            last_log_seq = log.Count == 0 ? 0 : log[^1].Seq,
        });
    }

    /// <summary>Sends the log from <c>Last-Event-ID</c> (or the start) and then every new line and state change, until the job has ended and its log is drained.</summary>
    private static async Task<IResult> StreamLogAsync(HttpContext http, string id, JobRepository jobs, AdminQueries queries, AuditLog audit)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        http.Audit(audit, "job.watch_log", job.Id);
        _ = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var after);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var cancellation = http.RequestAborted;
        string? lastState = null;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var lines = queries.LogAfter(job.Id, after, 500);
                foreach (var line in lines)
                {
                    var data = JsonSerializer.Serialize(new { at = DateTimeOffset.FromUnixTimeMilliseconds(line.AtMs), level = line.Level, message = line.Message });
                    await response.WriteAsync($"id: {line.Seq}\nevent: log\ndata: {data}\n\n", cancellation);
                    after = line.Seq;
                }
                var now = jobs.Find(job.Id);
                var state = now is null ? "deleted" : $"{now.State}|{now.Stage}|{Math.Round(now.Progress * 100)}";
                if (state != lastState)
                {
                    lastState = state;
                    var data = JsonSerializer.Serialize(new { state = now?.State ?? "deleted", stage = now?.Stage, progress_percent = now is null ? 0 : Math.Round(now.Progress * 100, 1) });
                    await response.WriteAsync($"event: state\ndata: {data}\n\n", cancellation);
                }
                await response.Body.FlushAsync(cancellation);
                if (lines.Count == 0 && (now is null || now.State is JobState.Finished or JobState.Failed or JobState.Cancelled))
                {
                    await response.WriteAsync("event: end\ndata: {}\n\n", cancellation);
                    break;
                }
                if (lines.Count == 0) await Task.Delay(TailPoll, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The console closed the stream.
        }
        return Results.Empty;
    }

    private static async Task<IResult> SetPriorityAsync(HttpContext http, string id, JobRepository jobs, IGrainFactory grains, AuditLog audit)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        var (body, problem) = await JsonBody.ReadAsync<PriorityRequest>(http.Request);
        if (problem is not null) return problem;
        if (body!.Priority is not { } priority || priority is < -100 or > 100) return Problems.Field("priority", "is required, between -100 and 100.");
        if (!await grains.GetGrain<IJobGrain>(job.Id).SetPriorityAsync(priority))
            return Problems.Create(StatusCodes.Status409Conflict, "Priority fixed", $"Job '{job.Id}' is {jobs.Find(job.Id)?.State}; only waiting jobs change priority.");
        http.Audit(audit, "job.priority", job.Id, $"priority {job.Priority} -> {priority}");
        return Results.Ok(View(jobs.Find(job.Id)!));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, string id, JobRepository jobs, IGrainFactory grains, AuditLog audit)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (await grains.GetGrain<IJobGrain>(job.Id).CancelAsync() == CancelOutcome.AlreadyEnded)
            return Problems.Create(StatusCodes.Status409Conflict, "Job cannot be cancelled", $"Job '{job.Id}' is already {jobs.Find(job.Id)!.State}.");
        http.Audit(audit, "job.cancel", job.Id, $"was {job.State}");
        return Results.Accepted($"/admin/api/jobs/{job.Id}", View(jobs.Find(job.Id)!));
    }

    private static async Task<IResult> RequeueAsync(HttpContext http, string id, JobRepository jobs, DataFolder folder, IGrainFactory grains, AuditLog audit)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (job.State != JobState.Failed) return Problems.Create(StatusCodes.Status409Conflict, "Not failed", $"Job '{job.Id}' is {job.State}; only failed jobs are requeued.");
        if (!Directory.Exists(folder.Workload(job.Id)))
            return Problems.Create(StatusCodes.Status409Conflict, "Inputs gone",
                $"The workload of job '{job.Id}' was removed when it failed (a workload error); the user has to submit it again.");
        if (!await grains.GetGrain<IJobGrain>(job.Id).AdminRequeueAsync())
            return Problems.Create(StatusCodes.Status409Conflict, "Job changed", $"Job '{job.Id}' left the failed state meanwhile.");
        http.Audit(audit, "job.requeue", job.Id);
        return Results.Accepted($"/admin/api/jobs/{job.Id}", View(jobs.Find(job.Id)!));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string id, JobRepository jobs, IGrainFactory grains, DataFolder folder, AuditLog audit)
    {
        if (Find(jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (!await grains.GetGrain<IJobGrain>(job.Id).DeleteAsync())
            return Problems.Create(StatusCodes.Status409Conflict, "Job is running", $"Job '{job.Id}' is running; cancel it first, then delete it.");
        if (Directory.Exists(folder.JobFolder(job.Id))) Directory.Delete(folder.JobFolder(job.Id), recursive: true);
        http.Audit(audit, "job.delete", job.Id, $"was {job.State}, owner {job.UserId}");
        return Results.NoContent();
    }

    private static JobRecord? Find(JobRepository jobs, string id) => JobIds.IsValid(id) ? jobs.Find(id) : null;

    private static object View(JobRecord job) => new
    {
        id = job.Id,
        user_id = job.UserId,
        name = job.Name,
        state = job.State,
        stage = job.Stage,
        progress_percent = Math.Round(job.Progress * 100, 1),
        priority = job.Priority,
        created_at = DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedMs),
        updated_at = DateTimeOffset.FromUnixTimeMilliseconds(job.UpdatedMs),
        error = job.Error,
    };
}
