using Mesa.Server.Admin.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The audit log, newest first, filtered by actor kind, actor, action, target and time (ISO-8601).</summary>
public static class AdminAuditEndpoints
{
    public static void MapAdminAudit(this RouteGroupBuilder api) =>
        api.MapGet("/audit", (AuditLog audit, string? actor_kind, string? actor, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to, int? page, int? page_size) =>
        {
            var (number, size, problem) = AdminPaging.Read(page, page_size);
            if (problem is not null) return problem;
            var filter = new AuditFilter(Blank(actor_kind), Blank(actor), Blank(action), Blank(target), from?.ToUnixTimeMilliseconds(), to?.ToUnixTimeMilliseconds());
            var (entries, total) = audit.Page(filter, number, size);
            return Results.Ok(AdminPaging.Page(number, size, total, entries.Select(e => new
            {
                seq = e.Seq,
                at = DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs),
                actor_kind = e.ActorKind,
                actor = e.Actor,
                action = e.Action,
                target = e.Target,
                detail = e.Detail,
            })));
        });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
