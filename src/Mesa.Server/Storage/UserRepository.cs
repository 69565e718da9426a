using Dapper;

namespace Mesa.Server.Storage;

/// <summary>Users and their one-time email tokens (only SHA-256 hashes of the tokens are stored).</summary>
public sealed class UserRepository(StateDatabase database)
{
    private const string Columns = "id AS Id, email AS Email, name AS Name, affiliation AS Affiliation, project_summary AS ProjectSummary, priority AS Priority, created_ms AS CreatedMs, " +
        "retention_minutes AS RetentionMinutes, quota_jobs_per_day AS QuotaJobsPerDay, quota_upload_bytes AS QuotaUploadBytes, quota_storage_bytes AS QuotaStorageBytes";

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The id of the user with this (normalised) email, if registered.</summary>
    public string? IdFor(string email)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<string?>("SELECT id FROM users WHERE email = @email", new { email });
    }

    /// <summary>
    /// Creates the user under <paramref name="id"/> unless the email is registered already; returns the email's user
    /// and whether this call created it.
    /// </summary>
    public (UserRecord User, bool Created) Create(string id, string email, string name, string affiliation, string projectSummary)
    {
        using var connection = database.Open();
        var inserted = connection.Execute(
            "INSERT INTO users (id, email, name, affiliation, project_summary, created_ms) VALUES (@id, @email, @name, @affiliation, @projectSummary, @now) ON CONFLICT(email) DO NOTHING",
            new { id, email, name, affiliation, projectSummary, now = database.NowMs() });
        var user = connection.QuerySingle<UserRecord>($"SELECT {Columns} FROM users WHERE email = @email", new { email });
        return (user, inserted == 1);
    }

    /// <summary>
    /// The user and the unix second before which their access tokens are refused (0 when never revoked; set by the
    /// admin console in <c>user_controls</c>), in one round trip.
    /// </summary>
    public (UserRecord User, long TokensValidFromS)? FindWithTokensValidFrom(string userId)
    {
        using var connection = database.Open();
        using var results = connection.QueryMultiple(
            $"SELECT {Columns} FROM users WHERE id = @userId; SELECT tokens_valid_from_s FROM user_controls WHERE user_id = @userId", new { userId });
        var user = results.ReadSingleOrDefault<UserRecord>();
        var validFrom = results.ReadSingleOrDefault<long?>() ?? 0;
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

    /// <summary>Whose mailed token this is (used or not); null when unknown.</summary>
    public string? UserOfToken(string tokenHash)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<string?>("SELECT user_id FROM email_tokens WHERE token_hash = @tokenHash", new { tokenHash });
    }

    /// <summary>Marks the user's token used; false when unknown, used or expired. One statement, so a token works once even under races.</summary>
    public bool Redeem(string userId, string tokenHash)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        return connection.Execute(
            "UPDATE email_tokens SET used_ms = @now WHERE token_hash = @tokenHash AND user_id = @userId AND used_ms IS NULL AND expires_ms > @now",
            new { tokenHash, userId, now }) == 1;
    }
}
