using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>The console's paged lists. Each page is one indexed query plus a count.</summary>
public sealed class AdminQueries(StateDatabase database)
{
    private const string UserSelect =
        "SELECT u.id AS Id, u.email AS Email, u.name AS Name, u.affiliation AS Affiliation, u.priority AS Priority, u.created_ms AS CreatedMs, " +
        "COALESCE(c.tokens_valid_from_s, 0) AS TokensValidFromS, u.retention_minutes AS RetentionMinutes, " +
        "u.quota_jobs_per_day AS QuotaJobsPerDay, u.quota_upload_bytes AS QuotaUploadBytes, u.quota_storage_bytes AS QuotaStorageBytes, " +
        "(SELECT COUNT(*) FROM email_tokens t WHERE t.user_id = u.id AND t.used_ms IS NULL AND t.expires_ms > @now) AS OpenEmailTokens " +
        "FROM users u LEFT JOIN user_controls c ON c.user_id = u.id";

    /// <summary>Users whose email or name contains <paramref name="search"/>, by email.</summary>
    public (IReadOnlyList<AdminUserRow> Users, long Total) Users(string? search, int page, int pageSize)
    {
        // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
        var where = string.IsNullOrWhiteSpace(search) ? "" : " WHERE u.email LIKE @pattern ESCAPE '\\' OR lower(u.name) LIKE @pattern ESCAPE '\\'";
        var parameters = new
        {
            pattern = "%" + (search ?? "").Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%",
            now = database.NowMs(),
            limit = pageSize,
            offset = (page - 1) * pageSize,
        };
        using var connection = database.Open();
        var users = connection.Query<AdminUserRow>($"{UserSelect}{where} ORDER BY u.email LIMIT @limit OFFSET @offset", parameters).ToList();
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM users u{where}", parameters);
        return (users, total);
    }

    public AdminUserRow? User(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<AdminUserRow>($"{UserSelect} WHERE u.id = @id", new { id, now = database.NowMs() });
    }

    /// <summary>Running jobs, then queued ones in the order the dispatcher takes them.</summary>
    public (IReadOnlyList<JobRecord> Jobs, long Total) Queue(int page, int pageSize)
    {
        using var connection = database.Open();
        var parameters = new { running = JobState.Running, queued = JobState.Queued, limit = pageSize, offset = (page - 1) * pageSize };
        var jobs = connection.Query<JobRecord>(
            $"SELECT {JobRecord.Columns} FROM (SELECT * FROM jobs WHERE state = @running UNION ALL SELECT * FROM jobs WHERE state = @queued) AS waiting " +
            "ORDER BY CASE state WHEN @running THEN 0 ELSE 1 END, priority DESC, created_ms, id LIMIT @limit OFFSET @offset", parameters).ToList();
        var total = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs WHERE state IN (@running, @queued)", parameters);
        return (jobs, total);
    }

    /// <summary>All jobs newest first, optionally of one state and/or one user.</summary>
    public (IReadOnlyList<JobRecord> Jobs, long Total) Jobs(string? state, string? userId, int page, int pageSize)
    {
        var where = new List<string>();
        if (state is not null) where.Add("state = @state");
        if (userId is not null) where.Add("user_id = @userId");
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var parameters = new { state, userId, limit = pageSize, offset = (page - 1) * pageSize };
        using var connection = database.Open();
        var jobs = connection.Query<JobRecord>($"SELECT {JobRecord.Columns} FROM jobs {clause} ORDER BY created_ms DESC, id LIMIT @limit OFFSET @offset", parameters).ToList();
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM jobs {clause}", parameters);
        return (jobs, total);
    }

    /// <summary>Job log lines after <paramref name="afterSeq"/>, oldest first, with their sequence numbers for the live tail.</summary>
    public IReadOnlyList<SequencedLogLine> LogAfter(string jobId, long afterSeq, int limit)
    {
        using var connection = database.Open();
        return connection.Query<SequencedLogLine>(
            "SELECT seq AS Seq, at_ms AS AtMs, level AS Level, message AS Message FROM job_log WHERE job_id = @jobId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { jobId, afterSeq, limit }).ToList();
    }

    /// <summary>Sets the priority of a job that has not started; false when it has.</summary>
    public bool SetJobPriority(string jobId, long priority)
    {
        using var connection = database.Open();
        return connection.Execute(
            "UPDATE jobs SET priority = @priority, updated_ms = @now WHERE id = @jobId AND state IN (@awaiting, @queued)",
            new { jobId, priority, now = database.NowMs(), awaiting = JobState.AwaitingUpload, queued = JobState.Queued }) == 1;
    }

    /// <summary>Puts a failed job back in the queue; false when it is not failed.</summary>
    public bool RequeueFailed(string jobId)
    {
        using var connection = database.Open();
        return connection.Execute(
            "UPDATE jobs SET state = @queued, stage = NULL, progress = 0, error = NULL, node_id = NULL, queued_ms = @now, updated_ms = @now WHERE id = @jobId AND state = @failed",
            new { jobId, now = database.NowMs(), queued = JobState.Queued, failed = JobState.Failed }) == 1;
    }

    /// <summary>Deletes a job that is not running with its log; false when it is running or gone.</summary>
    public bool DeleteJob(string jobId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var state = connection.ExecuteScalar<string?>("SELECT state FROM jobs WHERE id = @jobId", new { jobId }, transaction);
        if (state is null or JobState.Running) return false;
        connection.Execute("DELETE FROM job_log WHERE job_id = @jobId", new { jobId }, transaction);
        connection.Execute("DELETE FROM jobs WHERE id = @jobId", new { jobId }, transaction);
        transaction.Commit();
        return true;
    }

    /// <summary>The <c>users</c> columns an admin sets; null clears an override (the configured default applies again).</summary>
    public static readonly IReadOnlyList<string> UserSettings = ["priority", "retention_minutes", "quota_jobs_per_day", "quota_upload_bytes", "quota_storage_bytes"];

    public void SetUserColumn(string userId, string column, long? value)
    {
        // The column name comes from the fixed list above, never from the request.
        if (!UserSettings.Contains(column)) throw new ArgumentException($"'{column}' is not an admin-settable user column.", nameof(column));
        if (column == "priority" && value is null) throw new ArgumentException("priority cannot be cleared.", nameof(value));
        using var connection = database.Open();
        connection.Execute($"UPDATE users SET {column} = @value WHERE id = @userId", new { userId, value });
    }
}
