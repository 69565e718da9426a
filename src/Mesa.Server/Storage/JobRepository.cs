using Dapper;
using Mesa.Server.Processing;

namespace Mesa.Server.Storage;

/// <summary>
/// The Job actor's state: every transition is one conditional UPDATE on the job's current state,
/// so two callers (the owner cancelling, the dispatcher finishing) can never both win.
/// </summary>
public sealed class JobRepository(StateDatabase database)
{
    private const string Select = $"SELECT {JobRecord.Columns} FROM jobs";
    private const string StagesOf = $"SELECT {StageRecord.Columns} FROM job_stages WHERE job_id = @id ORDER BY run, started_ms";
    private const string LogTailOf =
        "SELECT at_ms AS AtMs, level AS Level, message AS Message FROM (SELECT * FROM job_log WHERE job_id = @id ORDER BY seq DESC LIMIT @lines) AS recent ORDER BY seq";
    private static readonly Dictionary<string, int> PipelinePosition = PipelineStages.All.Index().ToDictionary(s => s.Item, s => s.Index);

    /// <summary>A new job awaiting its upload, or the caller's existing job with the same idempotency key.</summary>
    public (JobRecord Job, bool Created) Create(UserRecord user, string? name, string? idempotencyKey, bool requiresGpu = false)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        var id = JobIds.New();
        var inserted = connection.Execute(
            "INSERT INTO jobs (id, user_id, name, idempotency_key, state, priority, created_ms, updated_ms, requires_gpu) " +
            "VALUES (@id, @userId, @name, @idempotencyKey, @state, @priority, @now, @now, @requiresGpu) ON CONFLICT DO NOTHING",
            new { id, userId = user.Id, name, idempotencyKey, state = JobState.AwaitingUpload, priority = user.Priority, now, requiresGpu });
        var job = inserted == 1
            ? connection.QuerySingle<JobRecord>($"{Select} WHERE id = @id", new { id })
            : connection.QuerySingle<JobRecord>($"{Select} WHERE user_id = @userId AND idempotency_key = @idempotencyKey", new { userId = user.Id, idempotencyKey });
        return (job, inserted == 1);
    }

    public JobRecord? FindByIdempotencyKey(string userId, string idempotencyKey)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>($"{Select} WHERE user_id = @userId AND idempotency_key = @idempotencyKey", new { userId, idempotencyKey });
    }

    public JobRecord? Find(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>($"{Select} WHERE id = @id", new { id });
    }

    /// <summary>The job when <paramref name="userId"/> owns it; others' jobs are indistinguishable from missing ones.</summary>
    public JobRecord? FindOwned(string id, string userId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>($"{Select} WHERE id = @id AND user_id = @userId", new { id, userId });
    }

    public (IReadOnlyList<JobRecord> Jobs, int Total) ListOwned(string userId, int page, int pageSize)
    {
        using var connection = database.Open();
        var jobs = connection.Query<JobRecord>($"{Select} WHERE user_id = @userId ORDER BY created_ms DESC, id LIMIT @pageSize OFFSET @offset",
            new { userId, pageSize, offset = (page - 1) * pageSize }).ToList();
        var total = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM jobs WHERE user_id = @userId", new { userId });
        return (jobs, total);
    }

    /// <summary>1 for the next job to run; null when the job is not queued.</summary>
    public long? QueuePosition(JobRecord job) => job.State == JobState.Queued ? PositionAmongQueued(job) : null;

    /// <summary>The position the job has, or would have once queued, among the queued jobs.</summary>
    public long PositionAmongQueued(JobRecord job)
    {
        using var connection = database.Open();
        return 1 + connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM jobs WHERE state = @queued AND (priority > @priority OR (priority = @priority AND (created_ms < @created OR (created_ms = @created AND id < @id))))",
            new { queued = JobState.Queued, priority = job.Priority, created = job.CreatedMs, id = job.Id });
    }

    public bool RecordUpload(string id, long bytes, string sha256) => Update(
        "upload_bytes = @bytes, upload_sha256 = @sha256", id, JobState.AwaitingUpload, new { bytes, sha256 });

    public bool Enqueue(string id) => Update($"state = '{JobState.Queued}', stage = NULL, progress = 0, queued_ms = @now", id, JobState.AwaitingUpload);

    /// <summary>Records a complete download of a finished job's results (retention purges soon after); leaves updated_ms alone.</summary>
    public void MarkDownloaded(string id)
    {
        using var connection = database.Open();
        connection.Execute($"UPDATE jobs SET downloaded_ms = @now WHERE id = @id AND state = '{JobState.Finished}' AND purged_ms IS NULL", new { id, now = database.NowMs() });
    }

    /// <summary>Jobs the user created since <paramref name="sinceMs"/> (the jobs-per-day quota).</summary>
    public long CreatedSince(string userId, long sinceMs)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs WHERE user_id = @userId AND created_ms >= @sinceMs", new { userId, sinceMs });
    }

    /// <summary>Bytes the user's uploads (of jobs not yet ended) and outputs hold now, leaving out one job's upload.</summary>
    public long StorageHeld(string userId, string? exceptUploadOf = null)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COALESCE(SUM(COALESCE(output_bytes, 0) + CASE WHEN state IN (@awaiting, @queued, @running) AND id <> @except THEN COALESCE(upload_bytes, 0) ELSE 0 END), 0) " +
            "FROM jobs WHERE user_id = @userId AND purged_ms IS NULL",
            new { userId, awaiting = JobState.AwaitingUpload, queued = JobState.Queued, running = JobState.Running, except = exceptUploadOf ?? "" });
    }

    /// <summary>queued -> running on <paramref name="silo"/>, as a new run; false when the job is not queued.</summary>
    public bool Start(string id, string silo)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        return connection.Execute(
            "UPDATE jobs SET state = @running, node_id = @silo, runs = runs + 1, started_ms = @now, updated_ms = @now WHERE id = @id AND state = @queued",
            new { id, silo, now, running = JobState.Running, queued = JobState.Queued }) == 1;
    }

    /// <summary>The running jobs and the silo running each (empty when none is recorded): the queue requeues those whose silo was lost.</summary>
    public IReadOnlyList<(string JobId, string Silo)> Running()
    {
        using var connection = database.Open();
        return connection.Query<(string, string)>("SELECT id, COALESCE(node_id, '') FROM jobs WHERE state = @running", new { running = JobState.Running }).ToList();
    }

    /// <summary>The queued jobs in the order they run: priority, then age.</summary>
    public IReadOnlyList<(string JobId, bool RequiresGpu)> Queued()
    {
        using var connection = database.Open();
        return connection.Query<(string, bool)>("SELECT id, requires_gpu FROM jobs WHERE state = @queued ORDER BY priority DESC, created_ms, id",
            new { queued = JobState.Queued }).ToList();
    }

    /// <summary>Jobs that failed at or after <paramref name="sinceMs"/>.</summary>
    public long FailedSince(long sinceMs)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs WHERE state = @failed AND updated_ms >= @sinceMs", new { failed = JobState.Failed, sinceMs });
    }

    /// <summary>The clock every stored timestamp comes from.</summary>
    public long NowMs() => database.NowMs();

    public bool SaveProgress(string id, string nodeId, string stage, double fraction) =>
        Update("stage = @stage, progress = @fraction", id, JobState.Running, new { stage, fraction, nodeId });

    public bool Finish(string id, string nodeId, long outputBytes) =>
        Update($"state = '{JobState.Finished}', progress = 1, output_bytes = @outputBytes", id, JobState.Running, new { nodeId, outputBytes });

    public bool Fail(string id, string nodeId, string error) => Update($"state = '{JobState.Failed}', error = @error", id, JobState.Running, new { error, nodeId });

    public bool MarkCancelled(string id, string nodeId) => Update($"state = '{JobState.Cancelled}'", id, JobState.Running, new { nodeId });

    /// <summary>Back to the queue: the silo running the job was lost or is shutting down; the next run resumes or starts over on whichever silo gets it.</summary>
    public bool Requeue(string id, string nodeId) =>
        Update($"state = '{JobState.Queued}', stage = NULL, progress = 0, node_id = NULL, queued_ms = @now", id, JobState.Running, new { nodeId });

    /// <summary>Cancels a job that has not started; for a running one only records the request (the dispatcher stops it).</summary>
    public bool RequestCancel(string id)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        var cancelled = connection.Execute($"UPDATE jobs SET state = '{JobState.Cancelled}', updated_ms = @now WHERE id = @id AND state IN ('{JobState.AwaitingUpload}', '{JobState.Queued}')",
            new { id, now });
        if (cancelled == 1) return true;
        return connection.Execute("UPDATE jobs SET cancel_requested = @requested, updated_ms = @now WHERE id = @id AND state = @running",
            new { id, now, running = JobState.Running, requested = true }) == 1;
    }

    /// <summary>
    /// Jobs whose files are due for deletion: ended ones, and ones whose upload never completed, past their owner's
    /// retention window (<paramref name="retention"/> unless the user row overrides it); and finished ones downloaded
    /// completely more than <paramref name="afterDownload"/> ago.
    /// </summary>
    public IReadOnlyList<string> Expired(TimeSpan retention, TimeSpan afterDownload)
    {
        using var connection = database.Open();
        return connection.Query<string>(
            "SELECT j.id FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.purged_ms IS NULL AND (" +
            $"(j.state IN ('{JobState.Finished}', '{JobState.Failed}', '{JobState.Cancelled}', '{JobState.AwaitingUpload}') " +
            "AND j.updated_ms < @now - COALESCE(u.retention_minutes * 60000, @retentionMs)) " +
            "OR j.downloaded_ms < @now - @afterDownloadMs)",
            new { now = database.NowMs(), retentionMs = (long)retention.TotalMilliseconds, afterDownloadMs = (long)afterDownload.TotalMilliseconds }).ToList();
    }

    /// <summary>Checkpoint: the stage has started in this run of the job.</summary>
    public void StartStage(string id, long run, string stage)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO job_stages (job_id, run, stage, started_ms) VALUES (@id, @run, @stage, @now) ON CONFLICT (job_id, run, stage) DO NOTHING",
            new { id, run, stage, now = database.NowMs() });
    }

    /// <summary>Checkpoint: the stage completed in this run, taking <paramref name="seconds"/> (its start becomes end minus that, the pipeline's own measure).</summary>
    public void FinishStage(string id, long run, string stage, double seconds)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        connection.Execute(
            "INSERT INTO job_stages (job_id, run, stage, started_ms, finished_ms, seconds) VALUES (@id, @run, @stage, @started, @now, @seconds) " +
            "ON CONFLICT (job_id, run, stage) DO UPDATE SET started_ms = excluded.started_ms, finished_ms = excluded.finished_ms, seconds = excluded.seconds",
            new { id, run, stage, started = now - (long)(seconds * 1000), now, seconds });
        _stageHistory = null;
    }

    /// <summary>The job's stage checkpoints, every run, in pipeline order (a stage the pipeline does not name last, by start).</summary>
    /// <remarks>Not by start alone: prep and intersect start together, and their recorded starts are end minus seconds, to the millisecond.</remarks>
    public IReadOnlyList<StageRecord> Stages(string id)
    {
        using var connection = database.Open();
        return connection.Query<StageRecord>(StagesOf, new { id })
            .OrderBy(s => s.Run)
            .ThenBy(s => PipelinePosition.GetValueOrDefault(s.Stage, int.MaxValue))
            .ToList();
    }

    /// <summary>
    /// Completed stages of the most recent jobs with a known upload size (the ETA's history), newest first. Every
    /// status poll of an active job asks for it, while it changes only when a stage ends: it is read again when
    /// this node finishes a stage, or after <see cref="StageHistoryLifetimeMs"/> (another node's stages).
    /// </summary>
    public IReadOnlyList<(string Stage, double Seconds, long UploadBytes)> StageHistory(int rows)
    {
        var now = database.NowMs();
        if (_stageHistory is { } known && known.Rows == rows && now - known.ReadAtMs < StageHistoryLifetimeMs) return known.History;
        using var connection = database.Open();
        var history = connection.Query<(string, double, long)>(
            "SELECT s.stage, s.seconds, j.upload_bytes FROM job_stages s JOIN jobs j ON j.id = s.job_id " +
            "WHERE s.finished_ms IS NOT NULL AND j.upload_bytes > 0 ORDER BY s.finished_ms DESC LIMIT @rows", new { rows }).ToList();
        _stageHistory = new StageHistorySnapshot(now, rows, history);
        return history;
    }

    private const long StageHistoryLifetimeMs = 5_000;

    private sealed record StageHistorySnapshot(long ReadAtMs, int Rows, IReadOnlyList<(string Stage, double Seconds, long UploadBytes)> History);

    private volatile StageHistorySnapshot? _stageHistory;

    /// <summary>The queued jobs that run before <paramref name="job"/> (and the running ones), for its ETA.</summary>
    public IReadOnlyList<JobRecord> Ahead(JobRecord job)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>(
            $"{Select} WHERE state = @running OR (state = @queued AND id <> @id AND (priority > @priority OR (priority = @priority AND (created_ms < @created OR (created_ms = @created AND id < @id)))))",
            new { running = JobState.Running, queued = JobState.Queued, priority = job.Priority, created = job.CreatedMs, id = job.Id }).ToList();
    }

    /// <summary>Records the files as deleted; a job still waiting for its upload is cancelled, since its upload URL is gone with it.</summary>
    public void MarkPurged(string id)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        connection.Execute($"UPDATE jobs SET state = '{JobState.Cancelled}', error = 'The upload was not completed within the retention window.', updated_ms = @now WHERE id = @id AND state = '{JobState.AwaitingUpload}'",
            new { id, now });
        connection.Execute("UPDATE jobs SET purged_ms = @now WHERE id = @id", new { id, now });
    }

    public void AppendLog(string id, string level, string message)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO job_log (job_id, at_ms, level, message) VALUES (@id, @now, @level, @message)",
            new { id, now = database.NowMs(), level, message });
    }

    public IReadOnlyList<JobLogLine> LogTail(string id, int lines)
    {
        using var connection = database.Open();
        return connection.Query<JobLogLine>(LogTailOf, new { id, lines }).ToList();
    }

    /// <summary>One conditional transition; a running job changes only through the node holding it (values carry <c>nodeId</c>).</summary>
    private bool Update(string assignments, string id, string fromState, object? values = null)
    {
        using var connection = database.Open();
        var parameters = new DynamicParameters(values);
        parameters.Add("id", id);
        parameters.Add("fromState", fromState);
        parameters.Add("now", database.NowMs());
        // A running job without a silo (left by a crash of an older version) is held by the empty name.
        var holder = fromState == JobState.Running ? " AND COALESCE(node_id, '') = @nodeId" : "";
        return connection.Execute($"UPDATE jobs SET {assignments}, updated_ms = @now WHERE id = @id AND state = @fromState{holder}", parameters) == 1;
    }
}
