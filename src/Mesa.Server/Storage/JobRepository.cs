using Dapper;

namespace Mesa.Server.Storage;

/// <summary>
/// The Job actor's state: every transition is one conditional UPDATE on the job's current state,
/// so two callers (the owner cancelling, the dispatcher finishing) can never both win.
/// </summary>
public sealed class JobRepository(StateDatabase database)
{
    private const string Select = $"SELECT {JobRecord.Columns} FROM jobs";

    /// <summary>A new job awaiting its upload, or the caller's existing job with the same idempotency key.</summary>
    public (JobRecord Job, bool Created) Create(UserRecord user, string? name, string? idempotencyKey, bool requiresGpu = false)
    {
        using var connection = database.Open();
        var now = StateDatabase.NowMs();
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
    public long? QueuePosition(JobRecord job)
    {
        if (job.State != JobState.Queued) return null;
        using var connection = database.Open();
        return 1 + connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM jobs WHERE state = @queued AND (priority > @priority OR (priority = @priority AND (created_ms < @created OR (created_ms = @created AND id < @id))))",
            new { queued = JobState.Queued, priority = job.Priority, created = job.CreatedMs, id = job.Id });
    }

    public bool RecordUpload(string id, long bytes, string sha256) => Update(
        "upload_bytes = @bytes, upload_sha256 = @sha256", id, JobState.AwaitingUpload, new { bytes, sha256 });

    public bool Enqueue(string id) => Update($"state = '{JobState.Queued}', stage = NULL, progress = 0", id, JobState.AwaitingUpload);

    /// <summary>
    /// Places the next queued job (priority, then age) that <paramref name="gpu"/> can run on node <paramref name="nodeId"/>:
    /// running, leased until <paramref name="leaseUntilMs"/>. One statement, so two takers never get the same job.
    /// </summary>
    public JobRecord? TakeNext(string nodeId, bool gpu, long leaseUntilMs)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>(
            "UPDATE jobs SET state = @running, node_id = @nodeId, lease_expires_ms = @leaseUntilMs, runs = runs + 1, updated_ms = @now " +
            "WHERE id = (SELECT id FROM jobs WHERE state = @queued AND (@gpu OR NOT requires_gpu) " +
            $"ORDER BY priority DESC, created_ms, id LIMIT 1{database.Store.ClaimLock}) AND state = @queued RETURNING {JobRecord.Columns}",
            new { running = JobState.Running, queued = JobState.Queued, nodeId, gpu, leaseUntilMs, now = StateDatabase.NowMs() });
    }

    /// <summary>The job placed on <paramref name="nodeId"/> that it has not finished yet, if any.</summary>
    public JobRecord? RunningOn(string nodeId)
    {
        using var connection = database.Open();
        return connection.QueryFirstOrDefault<JobRecord>($"{Select} WHERE node_id = @nodeId AND state = @running ORDER BY updated_ms LIMIT 1",
            new { nodeId, running = JobState.Running });
    }

    /// <summary>Extends the running node's lease; null when the node no longer holds the job, else whether its owner asked to cancel.</summary>
    public bool? RenewLease(string id, string nodeId, long leaseUntilMs)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<bool?>(
            "UPDATE jobs SET lease_expires_ms = @leaseUntilMs WHERE id = @id AND node_id = @nodeId AND state = @running RETURNING cancel_requested",
            new { id, nodeId, leaseUntilMs, running = JobState.Running });
    }

    /// <summary>Requeues running jobs whose lease ran out (their node died or stalled); returns their ids.</summary>
    public IReadOnlyList<string> RequeueExpiredLeases()
    {
        using var connection = database.Open();
        var now = StateDatabase.NowMs();
        return connection.Query<string>(
            "UPDATE jobs SET state = @queued, stage = NULL, progress = 0, node_id = NULL, lease_expires_ms = NULL, updated_ms = @now " +
            "WHERE state = @running AND lease_expires_ms < @now RETURNING id",
            new { queued = JobState.Queued, running = JobState.Running, now }).ToList();
    }

    public void SaveProgress(string id, string nodeId, string stage, double fraction) =>
        Update("stage = @stage, progress = @fraction", id, JobState.Running, new { stage, fraction, nodeId });

    public bool Finish(string id, string nodeId) => Update($"state = '{JobState.Finished}', progress = 1", id, JobState.Running, new { nodeId });

    public bool Fail(string id, string nodeId, string error) => Update($"state = '{JobState.Failed}', error = @error", id, JobState.Running, new { error, nodeId });

    public bool MarkCancelled(string id, string nodeId) => Update($"state = '{JobState.Cancelled}'", id, JobState.Running, new { nodeId });

    /// <summary>Back to the queue: a job interrupted by shutdown runs again from the start, on whichever node gets it.</summary>
    public bool Requeue(string id, string nodeId) =>
        Update($"state = '{JobState.Queued}', stage = NULL, progress = 0, node_id = NULL, lease_expires_ms = NULL", id, JobState.Running, new { nodeId });

    /// <summary>Requeues every job a previous process left running; returns how many.</summary>
    public int RequeueOrphans()
    {
        using var connection = database.Open();
        return connection.Execute("UPDATE jobs SET state = @queued, stage = NULL, progress = 0, node_id = NULL, lease_expires_ms = NULL, updated_ms = @now WHERE state = @running",
            new { queued = JobState.Queued, running = JobState.Running, now = StateDatabase.NowMs() });
    }

    /// <summary>Cancels a job that has not started; for a running one only records the request (the dispatcher stops it).</summary>
    public bool RequestCancel(string id)
    {
        using var connection = database.Open();
        var now = StateDatabase.NowMs();
        var cancelled = connection.Execute($"UPDATE jobs SET state = '{JobState.Cancelled}', updated_ms = @now WHERE id = @id AND state IN ('{JobState.AwaitingUpload}', '{JobState.Queued}')",
            new { id, now });
        if (cancelled == 1) return true;
        return connection.Execute("UPDATE jobs SET cancel_requested = @requested, updated_ms = @now WHERE id = @id AND state = @running",
            new { id, now, running = JobState.Running, requested = true }) == 1;
    }

    /// <summary>Jobs whose files the retention window has passed: ended ones, and ones whose upload never completed.</summary>
    public IReadOnlyList<string> Expired(DateTimeOffset before)
    {
        using var connection = database.Open();
        return connection.Query<string>(
            $"SELECT id FROM jobs WHERE purged_ms IS NULL AND updated_ms < @before AND state IN ('{JobState.Finished}', '{JobState.Failed}', '{JobState.Cancelled}', '{JobState.AwaitingUpload}')",
            new { before = before.ToUnixTimeMilliseconds() }).ToList();
    }

    /// <summary>Records the files as deleted; a job still waiting for its upload is cancelled, since its upload URL is gone with it.</summary>
    public void MarkPurged(string id)
    {
        using var connection = database.Open();
        var now = StateDatabase.NowMs();
        connection.Execute($"UPDATE jobs SET state = '{JobState.Cancelled}', error = 'The upload was not completed within the retention window.', updated_ms = @now WHERE id = @id AND state = '{JobState.AwaitingUpload}'",
            new { id, now });
        connection.Execute("UPDATE jobs SET purged_ms = @now WHERE id = @id", new { id, now });
    }

    public void AppendLog(string id, string level, string message)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO job_log (job_id, at_ms, level, message) VALUES (@id, @now, @level, @message)",
            new { id, now = StateDatabase.NowMs(), level, message });
    }

    public IReadOnlyList<JobLogLine> LogTail(string id, int lines)
    {
        using var connection = database.Open();
        return connection.Query<JobLogLine>(
            "SELECT at_ms AS AtMs, level AS Level, message AS Message FROM (SELECT * FROM job_log WHERE job_id = @id ORDER BY seq DESC LIMIT @lines) AS recent ORDER BY seq",
            new { id, lines }).ToList();
    }

    /// <summary>One conditional transition; a running job changes only through the node holding it (values carry <c>nodeId</c>).</summary>
    private bool Update(string assignments, string id, string fromState, object? values = null)
    {
        using var connection = database.Open();
        var parameters = new DynamicParameters(values);
        parameters.Add("id", id);
        parameters.Add("fromState", fromState);
        parameters.Add("now", StateDatabase.NowMs());
        var holder = fromState == JobState.Running ? " AND node_id = @nodeId" : "";
        return connection.Execute($"UPDATE jobs SET {assignments}, updated_ms = @now WHERE id = @id AND state = @fromState{holder}", parameters) == 1;
    }
}
