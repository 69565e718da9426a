using Dapper;

namespace Mesa.Server.Storage;

/// <summary>Users and their one-time email tokens (only SHA-256 hashes of the tokens are stored).</summary>
public sealed class UserRepository(StateDatabase database)
{
    private const string Columns = "id AS Id, email AS Email, name AS Name, affiliation AS Affiliation, project_summary AS ProjectSummary, priority AS Priority, created_ms AS CreatedMs, " +
        "retention_minutes AS RetentionMinutes, quota_jobs_per_day AS QuotaJobsPerDay, quota_upload_bytes AS QuotaUploadBytes, quota_storage_bytes AS QuotaStorageBytes";

    /// <summary>The user with this (normalised) email, created from the registration when new.</summary>
    public (UserRecord User, bool Created) FindOrCreate(string email, string name, string affiliation, string projectSummary)
    {
        using var connection = database.Open();
        var inserted = connection.Execute(
            "INSERT INTO users (id, email, name, affiliation, project_summary, created_ms) VALUES (@id, @email, @name, @affiliation, @projectSummary, @now) ON CONFLICT(email) DO NOTHING",
            new { id = Guid.NewGuid().ToString("N"), email, name, affiliation, projectSummary, now = database.NowMs() });
        var user = connection.QuerySingle<UserRecord>($"SELECT {Columns} FROM users WHERE email = @email", new { email });
        return (user, inserted == 1);
    }

    /// <summary>
    /// The user and the unix second before which their access tokens are refused (0 when never revoked; set by the
    /// admin console in <c>user_controls</c>), in one round trip: every authenticated request needs both.
    /// </summary>
    public async Task<(UserRecord User, long TokensValidFromS)?> FindWithTokensValidFromAsync(string userId)
    {
        await using var connection = await database.OpenAsync();
        await using var results = await connection.QueryMultipleAsync(
            $"SELECT {Columns} FROM users WHERE id = @userId; SELECT tokens_valid_from_s FROM user_controls WHERE user_id = @userId", new { userId });
        var user = await results.ReadSingleOrDefaultAsync<UserRecord>();
        var validFrom = await results.ReadSingleOrDefaultAsync<long?>() ?? 0;
        return user is null ? null : (user, validFrom);
    }

    public UserRecord? Find(string userId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<UserRecord>($"SELECT {Columns} FROM users WHERE id = @userId", new { userId });
    }

    public int TokensIssuedSince(string userId, DateTimeOffset since)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM email_tokens WHERE user_id = @userId AND created_ms >= @since",
            new { userId, since = since.ToUnixTimeMilliseconds() });
    }

    public void AddToken(string userId, string tokenHash, DateTimeOffset expires)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO email_tokens (token_hash, user_id, created_ms, expires_ms) VALUES (@tokenHash, @userId, @now, @expires)",
            new { tokenHash, userId, now = database.NowMs(), expires = expires.ToUnixTimeMilliseconds() });
    }

    /// <summary>Marks the token used and returns its user; null when unknown, used or expired. One statement, so a token works once even under races.</summary>
    public UserRecord? Redeem(string tokenHash)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        var userId = connection.ExecuteScalar<string?>(
            "UPDATE email_tokens SET used_ms = @now WHERE token_hash = @tokenHash AND used_ms IS NULL AND expires_ms > @now RETURNING user_id",
            new { tokenHash, now });
        return userId is null ? null : Find(userId);
    }
}
