using Mesa.Server.Admin.Security;
using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Peers;
using Mesa.Server.Processing;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Mesa.Server.Uploads;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary>The caller's jobs: create, confirm upload, list, status, cancel, results. Another user's job answers 404.</summary>
public static class JobEndpoints
{
    private const int LogTailLines = 20;

    public static void MapJobs(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/jobs").AddEndpointFilter<BearerAuthentication>().AddEndpointFilter<JobAccessAudit>().WithTags("jobs").ProducesProblem(StatusCodes.Status401Unauthorized);
        jobs.MapPost("/", CreateAsync).Accepts<CreateJobRequest>(isOptional: true, "application/json")
            .WithSummary("Create a job; returns its signed upload URL. Header Idempotency-Key makes retries return the same job.")
            .Produces(StatusCodes.Status201Created).Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        jobs.MapGet("/", List).WithSummary("The caller's jobs, newest first, a page at a time").Produces(StatusCodes.Status200OK).ProducesValidationProblem();
        jobs.MapGet("/{id}", GetAsync).WithSummary("State, stage, progress, queue position, ETA, stage checkpoints and log tail of a job")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapPost("/{id}/complete-upload", CompleteUploadAsync).WithSummary("Check the uploaded workload and queue the job")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        jobs.MapPost("/{id}/cancel", CancelAsync).WithSummary("Cancel a waiting or queued job at once, or stop a running one within seconds")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapGet("/{id}/results", ResultsOf).WithSummary("The manifest and signed download URLs of a finished job: package.zip (MESA backups only) and outputs-only.zip")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, JobRepository jobs, SignedUrls urls, UserQuotas quotas, PeerSuggestion suggestion)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateJobRequest>(http.Request, optional: true);
        if (problem is not null) return problem;
        if (body?.Name is { Length: > 200 }) return Problems.Field("name", "is longer than 200 characters.");
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) return Problems.Field("Idempotency-Key", "header is longer than 200 characters.");

        var user = BearerAuthentication.User(http);
        // A retry with a known key returns its job whatever the quotas say now.
        if ((key.Length == 0 || jobs.FindByIdempotencyKey(user.Id, key) is null) && quotas.RefuseNewJob(user) is { } refusal) return refusal;
        var (job, created) = jobs.Create(user, body?.Name?.Trim(), key.Length > 0 ? key : null, body?.RequiresGpu ?? false);
        var upload = job.State == JobState.AwaitingUpload ? urls.Upload(http.Request, job.Id) : default;
        var reply = new
        {
            job_id = job.Id,
            state = job.State,
            upload = job.State == JobState.AwaitingUpload
                ? new { method = "PUT", url = upload.Url, expires_at = upload.Expires, max_bytes = quotas.UploadLimit(user, job.Id).Bytes }
                : null,
            suggested_server = created ? suggestion.ForNewJob() : null,
        };
        return created ? Results.Created($"/jobs/{job.Id}", reply) : Results.Ok(reply);
    }

    private static IResult List(HttpContext http, JobRepository jobs, int? page, int? page_size)
    {
        var number = page ?? 1;
        var size = page_size ?? 20;
        if (number < 1) return Problems.Field("page", "must be 1 or more.");
        if (size is < 1 or > 100) return Problems.Field("page_size", "must be between 1 and 100.");
        var (items, total) = jobs.ListOwned(BearerAuthentication.User(http).Id, number, size);
        return Results.Ok(new { page = number, page_size = size, total, items = items.Select(JobViews.Summary) });
    }

    private static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, string id) =>
        (JobIds.IsValid(id) ? await grains.GetGrain<IJobGrain>(id).DetailAsync(BearerAuthentication.User(http).Id, LogTailLines) : null) is { } detail
            ? Results.Ok(JobViews.Detail(detail))
            : Problems.NotFound($"Job '{id}'");

    private static async Task<IResult> CompleteUploadAsync(HttpContext http, string id, JobRepository jobs, DataFolder folder, IGrainFactory grains, JobMails mails, EtaEstimator eta,
        CompletionGuard guard, IOptions<MesaOptions> options, ILoggerFactory loggers)
    {
        if (Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        using var entered = guard.TryEnter(job.Id);
        if (entered is null)
            return Problems.Create(StatusCodes.Status409Conflict, "Completion in progress", $"Job '{job.Id}' is being checked by another complete-upload call.");
        job = jobs.Find(job.Id)!;
        if (job.State != JobState.AwaitingUpload)
            return Problems.Create(StatusCodes.Status409Conflict, "Upload already completed", $"Job '{job.Id}' is {job.State}; only a job awaiting its upload can complete one.");
        var zip = folder.Upload(job.Id);
        if (!File.Exists(zip))
            return Problems.Create(StatusCodes.Status409Conflict, "Nothing uploaded", $"No workload was uploaded for job '{job.Id}'; PUT the zip to the upload URL first.");
        var workload = folder.Workload(job.Id);
        try
        {
            WorkloadArchive.Extract(zip, workload, options.Value.Limits);
            MesaWorkload.Load(workload).Preflight();
        }
        catch (Exception e) when (e is WorkloadArchiveException or WorkloadException)
        {
            // The bad upload is dropped; the job keeps waiting, so the client can fix the workload and upload again.
            File.Delete(zip);
            if (Directory.Exists(workload)) Directory.Delete(workload, recursive: true);
            loggers.CreateLogger(typeof(JobEndpoints)).LogInformation("Job {JobId}: workload refused: {Problem}", job.Id, e.Message);
            var title = e is WorkloadArchiveException ? "The workload archive was refused" : "The workload failed pre-flight";
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, title, e.Message);
        }
        // Mailed before queueing, so the "accepted" mail can never arrive after "finished".
        await mails.AcceptedAsync(job);
        var grain = grains.GetGrain<IJobGrain>(job.Id);
        if (!await grain.EnqueueAsync())
            return Problems.Create(StatusCodes.Status409Conflict, "Job changed", $"Job '{job.Id}' left the awaiting_upload state meanwhile.");
        var queued = (await grain.DetailAsync(job.UserId, 0))!;
        return Results.Accepted($"/jobs/{job.Id}", new { job_id = job.Id, state = queued.Job.State, queue_position = queued.QueuePosition, eta = queued.Eta });
    }

    private static async Task<IResult> CancelAsync(HttpContext http, JobRepository jobs, IGrainFactory grains, string id)
    {
        if (Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        var grain = grains.GetGrain<IJobGrain>(job.Id);
        var outcome = await grain.CancelAsync();
        var now = (await grain.GetAsync())!;
        if (outcome == CancelOutcome.AlreadyEnded)
            return Problems.Create(StatusCodes.Status409Conflict, "Job cannot be cancelled", $"Job '{job.Id}' is already {now.State}.");
        return Results.Accepted($"/jobs/{job.Id}", new { job_id = job.Id, state = now.State, cancel_requested = outcome == CancelOutcome.StopRequested });
    }

    private static IResult ResultsOf(HttpContext http, JobRepository jobs, DataFolder folder, SignedUrls urls, string id)
    {
        if (Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (job.State != JobState.Finished)
            return Problems.Create(StatusCodes.Status409Conflict, "No results yet", $"Job '{job.Id}' is {job.State}; results exist once it is finished.");
        if (job.PurgedMs is { } purged)
            return Problems.Create(StatusCodes.Status410Gone, "Results deleted",
                $"The results of job '{job.Id}' were deleted at {DateTimeOffset.FromUnixTimeMilliseconds(purged):u} when the retention window ended.");
        try
        {
            var manifest = Manifest.FromJson(File.ReadAllText(OutputFiles.PathIn(folder.Output(job.Id), OutputFiles.Manifest)));
            var downloads = JobDownload.All.Where(d => File.Exists(d.PathOf(folder, job.Id))).Select(d =>
            {
                var (url, expires) = urls.Download(http.Request, job.Id, d);
                return new { name = d.Name, purpose = d.Purpose, url, bytes = new FileInfo(d.PathOf(folder, job.Id)).Length, expires_at = expires };
            }).ToArray();
            return Results.Ok(new { job_id = job.Id, manifest = JsonSerializer.Deserialize<JsonElement>(manifest.ToJson()), downloads });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The sweeper removed them between the state check above and the read.
            return Problems.Create(StatusCodes.Status410Gone, "Results deleted", $"The results of job '{job.Id}' were deleted when the retention window ended.");
        }
    }

    /// <summary>The caller's job <paramref name="id"/>; null for an unknown id and for another user's job alike.</summary>
    internal static JobRecord? Owned(HttpContext http, JobRepository jobs, string id) =>
        JobIds.IsValid(id) ? jobs.FindOwned(id, BearerAuthentication.User(http).Id) : null;
}
