using Mesa.Server.Grains;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The blacklist: adding an entry also revokes the tokens of the users it matches, so they are cut off at once.</summary>
public static class AdminBlacklistEndpoints
{
    public static void MapAdminBlacklist(this RouteGroupBuilder api)
    {
        api.MapGet("/blacklist", (Blacklist blacklist) => Results.Ok(blacklist.All().Select(e => new
        {
            kind = e.Kind,
            value = e.Value,
            reason = e.Reason,
            created_at = DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedMs),
        })));
        api.MapPost("/blacklist", AddAsync);
        api.MapPost("/blacklist/remove", RemoveAsync);
    }

    private static async Task<IResult> AddAsync(HttpContext http, Blacklist blacklist, IGrainFactory grains, AuditLog audit)
    {
        var (entry, problem) = await ReadAsync(http);
        if (problem is not null) return problem;
        if (entry!.Reason is { Length: > 500 }) return Problems.Field("reason", "is longer than 500 characters.");
        if (!blacklist.Add(entry.Kind!, entry.Value!, entry.Reason?.Trim()))
            return Problems.Create(StatusCodes.Status409Conflict, "Already blacklisted", $"The {entry.Kind} '{entry.Value}' is on the blacklist already.");
        var blocked = blacklist.UsersMatching(entry.Kind!, entry.Value!);
        foreach (var userId in blocked) await grains.GetGrain<IUserGrain>(userId).RevokeTokensAsync();
        http.Audit(audit, "blacklist.add", $"{entry.Kind}:{entry.Value}", $"{blocked.Count} existing users blocked, their tokens revoked");
        return Results.Created("/admin/api/blacklist", new { kind = entry.Kind, value = entry.Value, users_blocked = blocked.Count });
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, Blacklist blacklist, AuditLog audit)
    {
        var (entry, problem) = await ReadAsync(http);
        if (problem is not null) return problem;
        if (!blacklist.Remove(entry!.Kind!, entry.Value!)) return Problems.NotFound($"Blacklist entry {entry.Kind} '{entry.Value}'");
        http.Audit(audit, "blacklist.remove", $"{entry.Kind}:{entry.Value}");
        return Results.NoContent();
    }

    /// <summary>The entry with its value normalised (lower case, trimmed, no leading @ on a domain).</summary>
    private static async Task<(BlacklistRequest? Entry, IResult? Problem)> ReadAsync(HttpContext http)
    {
        var (body, problem) = await JsonBody.ReadAsync<BlacklistRequest>(http.Request);
        if (problem is not null) return (null, problem);
        if (body!.Kind is not (Blacklist.Email or Blacklist.Domain)) return (null, Problems.Field("kind", "must be 'email' or 'domain'."));
        var value = body.Value?.Trim().ToLowerInvariant().TrimStart('@');
        if (string.IsNullOrEmpty(value) || value.Length > 254) return (null, Problems.Field("value", "is required (at most 254 characters)."));
        if (body.Kind == Blacklist.Email && !value.Contains('@')) return (null, Problems.Field("value", "must be a whole address (name@domain) for kind 'email'."));
        if (body.Kind == Blacklist.Domain && (value.Contains('@') || !value.Contains('.'))) return (null, Problems.Field("value", "must be a domain such as example.org for kind 'domain'."));
        return (body with { Value = value }, null);
    }
}
