using Dapper;
using Mesa.Server.Security;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>
/// Server-side console sessions. The cookie carries 256 random bits; only their SHA-256 is stored, so a
/// copy of the database opens no session. Each session has its own CSRF token (synchronizer pattern).
/// </summary>
public sealed class AdminSessions(StateDatabase database)
{
    /// <summary>Creates a session; returns the secret cookie value.</summary>
    public string Start(string adminId, TimeSpan lifetime)
    {
        var id = EmailTokens.New();
        var now = database.NowMs();
        using var connection = database.Open();
        connection.Execute("DELETE FROM admin_sessions WHERE expires_ms < @now", new { now });
        connection.Execute(
            "INSERT INTO admin_sessions (id_hash, admin_id, csrf_token, created_ms, expires_ms) VALUES (@hash, @adminId, @csrf, @now, @expires)",
            new { hash = EmailTokens.Hash(id), adminId, csrf = EmailTokens.New(), now, expires = now + (long)lifetime.TotalMilliseconds });
        return id;
    }

    /// <summary>The live session for a cookie value; null when unknown or expired.</summary>
    public AdminSession? Find(string cookieValue)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<AdminSession>(
            "SELECT s.admin_id AS AdminId, a.email AS Email, s.csrf_token AS CsrfToken, s.id_hash AS IdHash FROM admin_sessions s JOIN admins a ON a.id = s.admin_id " +
            "WHERE s.id_hash = @hash AND s.expires_ms > @now",
            new { hash = EmailTokens.Hash(cookieValue), now = database.NowMs() });
    }

    public void End(AdminSession session)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM admin_sessions WHERE id_hash = @IdHash", session);
    }
}
