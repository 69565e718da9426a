using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>
/// Append-only record of admin actions and users' job access. Nothing in the server updates or deletes
/// rows. Callers pass ids and names only, never secrets. Each entry is also a line in the server log.
/// </summary>
public sealed class AuditLog(StateDatabase database, ILogger<AuditLog> logger)
{
    public const string Admin = "admin";
    public const string User = "user";
    public const string Anonymous = "anonymous";
    public const string SignedUrl = "signed_url";

    public void Record(string actorKind, string actor, string action, string? target = null, string? detail = null)
    {
        var now = database.NowMs();
        logger.LogInformation("Audit: {ActorKind} {Actor} {Action} {Target}", actorKind, actor, action, target);
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO audit_log (at_ms, actor_kind, actor, action, target, detail) VALUES (@now, @actorKind, @actor, @action, @target, @detail)",
            new { now, actorKind, actor, action, target, detail });
    }

    /// <summary>Whether an entry with this actor kind and action was recorded within the last <paramref name="window"/>.</summary>
    public bool RecordedWithin(string actorKind, string action, TimeSpan window)
    {
        var since = database.NowMs() - (long)window.TotalMilliseconds;
        using var connection = database.Open();
        return connection.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE actor_kind = @actorKind AND action = @action AND at_ms >= @since)",
            new { actorKind, action, since });
    }

    /// <summary>Newest first.</summary>
    public (IReadOnlyList<AuditEntry> Entries, long Total) Page(AuditFilter filter, int page, int pageSize)
    {
        var where = new List<string>();
        if (filter.ActorKind is not null) where.Add("actor_kind = @ActorKind");
        if (filter.Actor is not null) where.Add("actor = @Actor");
        if (filter.Action is not null) where.Add("action = @Action");
        if (filter.Target is not null) where.Add("target = @Target");
        if (filter.FromMs is not null) where.Add("at_ms >= @FromMs");
        if (filter.ToMs is not null) where.Add("at_ms < @ToMs");
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var parameters = new DynamicParameters(filter);
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (page - 1) * pageSize);
        using var connection = database.Open();
        var entries = connection.Query<AuditEntry>(
            "SELECT seq AS Seq, at_ms AS AtMs, actor_kind AS ActorKind, actor AS Actor, action AS Action, target AS Target, detail AS Detail " +
            $"FROM audit_log {clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset", parameters).ToList();
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM audit_log {clause}", parameters);
        return (entries, total);
    }
}
