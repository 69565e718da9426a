using Mesa.Server.Grains;
using System.Net.Mail;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;
using Mesa.Server.Mail;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>Users and their tokens: list/search, create (mails a token), revoke, rotate (revoke + mail a fresh token), priority and retention.</summary>
public static class AdminUserEndpoints
{
    public static void MapAdminUsers(this RouteGroupBuilder api)
    {
        api.MapGet("/users", List);
        api.MapGet("/users/{id}", Get);
        api.MapPost("/users", CreateAsync);
        api.MapPatch("/users/{id}", Update);
        api.MapPost("/users/{id}/revoke-tokens", RevokeAsync);
        api.MapPost("/users/{id}/rotate-token", RotateAsync);
    }

    private static IResult List(AdminQueries queries, string? q, int? page, int? page_size)
    {
        var (number, size, problem) = AdminPaging.Read(page, page_size);
        if (problem is not null) return problem;
        if (q is { Length: > 254 }) return Problems.Field("q", "is longer than 254 characters.");
        var (users, total) = queries.Users(q, number, size);
        return Results.Ok(AdminPaging.Page(number, size, total, users.Select(View)));
    }

    private static IResult Get(AdminQueries queries, string id) =>
        queries.User(id) is { } user ? Results.Ok(View(user)) : Problems.NotFound($"User '{id}'");

    private static async Task<IResult> CreateAsync(HttpContext http, UserRepository users, IGrainFactory grains, TokenMailer mailer, Blacklist blacklist, AuditLog audit,
        CancellationToken cancellation)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateUserRequest>(http.Request);
        if (problem is not null) return problem;
        var email = body!.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            return Problems.Field("email", "is not a valid email address (expected name@domain.tld).");
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200) return Problems.Field("name", "is required (at most 200 characters).");
        if (blacklist.Blocks(email)) return Problems.Create(StatusCodes.Status409Conflict, "Address blacklisted", $"'{email}' or its domain is on the blacklist; remove it first.");
        var (user, created) = await grains.GetGrain<IUserGrain>(users.IdFor(email) ?? UserRepository.NewId())
            .RegisterAsync(email, body.Name.Trim(), body.Affiliation?.Trim() ?? "", body.ProjectSummary?.Trim() ?? "");
        if (!created) return Problems.Create(StatusCodes.Status409Conflict, "User exists", $"A user with the address '{email}' exists already (id {user.Id}).");
        await mailer.SendAsync(user, "an administrator has created a MESA cloud account for you.", cancellation);
        http.Audit(audit, "user.create", user.Id, $"email {email}; token mailed");
        return Results.Created($"/admin/api/users/{user.Id}", new { id = user.Id, email });
    }

    private static async Task<IResult> Update(HttpContext http, string id, AdminQueries queries, IGrainFactory grains, AuditLog audit)
    {
        if (queries.User(id) is null) return Problems.NotFound($"User '{id}'");
        var (body, problem) = await JsonBody.ReadAsync<UserUpdateRequest>(http.Request);
        if (problem is not null) return problem;
        var values = new (string Column, long? Value, long Min, long Max)[]
        {
            ("priority", body!.Priority, -100, 100),
            ("retention_minutes", body.RetentionMinutes, 1, 525_600),
            ("quota_jobs_per_day", body.QuotaJobsPerDay, 0, 1_000_000),
            ("quota_upload_bytes", body.QuotaUploadBytes, 0, 1L << 40),
            ("quota_storage_bytes", body.QuotaStorageBytes, 0, 1L << 44),
        };
        foreach (var (column, value, min, max) in values)
            if (value is { } set && (set < min || set > max)) return Problems.Field(column, $"must be between {min} and {max}.");
        var clear = body.Clear ?? [];
        if (clear.FirstOrDefault(c => c == "priority" || !AdminQueries.UserSettings.Contains(c)) is { } unknown)
            return Problems.Field("clear", $"'{unknown}' is not an override (retention_minutes, quota_jobs_per_day, quota_upload_bytes, quota_storage_bytes).");
        var settings = values.Where(v => v.Value is not null).Select(v => new UserSetting(v.Column, v.Value))
            .Concat(clear.Distinct().Select(column => new UserSetting(column, null))).ToList();
        if (settings.Count == 0) return Problems.Field("body", "names nothing to change (priority, retention_minutes, quota_jobs_per_day, quota_upload_bytes, quota_storage_bytes or clear).");
        await grains.GetGrain<IUserGrain>(id).UpdateAsync(settings);
        http.Audit(audit, "user.update", id, string.Join("; ", settings.Select(s => $"{s.Column} {s.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}")));
        return Results.Ok(View(queries.User(id)!));
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, string id, AdminQueries queries, IGrainFactory grains, AuditLog audit)
    {
        if (queries.User(id) is null) return Problems.NotFound($"User '{id}'");
        await grains.GetGrain<IUserGrain>(id).RevokeTokensAsync();
        http.Audit(audit, "user.revoke_tokens", id);
        return Results.Ok(View(queries.User(id)!));
    }

    private static async Task<IResult> RotateAsync(HttpContext http, string id, AdminQueries queries, IGrainFactory grains,
        TokenMailer mailer, Blacklist blacklist, AuditLog audit, CancellationToken cancellation)
    {
        var grain = grains.GetGrain<IUserGrain>(id);
        if (await grain.GetAsync() is not { } user) return Problems.NotFound($"User '{id}'");
        if (blacklist.Blocks(user.Email)) return Problems.Create(StatusCodes.Status409Conflict, "User blacklisted", "A blacklisted user gets no new token; remove the blacklist entry first.");
        await grain.RevokeTokensAsync();
        await mailer.SendAsync(user, "your MESA cloud access was renewed by an administrator; earlier tokens no longer work.", cancellation);
        http.Audit(audit, "user.rotate_token", id, "tokens revoked; fresh token mailed");
        return Results.Ok(View(queries.User(id)!));
    }

    private static object View(AdminUserRow user) => new
    {
        id = user.Id,
        email = user.Email,
        name = user.Name,
        affiliation = user.Affiliation,
        priority = user.Priority,
        created_at = DateTimeOffset.FromUnixTimeMilliseconds(user.CreatedMs),
        tokens_revoked_at = user.TokensValidFromS == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(user.TokensValidFromS),
        retention_minutes = user.RetentionMinutes,
        quota_jobs_per_day = user.QuotaJobsPerDay,
        quota_upload_bytes = user.QuotaUploadBytes,
        quota_storage_bytes = user.QuotaStorageBytes,
        open_email_tokens = user.OpenEmailTokens,
    };
}
