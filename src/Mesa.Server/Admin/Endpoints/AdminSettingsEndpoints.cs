using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>Run-time settings: the default retention window, the upload limit and the free disk to keep, persisted in the state store.</summary>
public static class AdminSettingsEndpoints
{
    public static void MapAdminSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", (ServerSettings settings) => Results.Ok(View(settings)));
        api.MapPut("/settings", UpdateAsync);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, ServerSettings settings, AuditLog audit)
    {
        var (body, problem) = await JsonBody.ReadAsync<SettingsRequest>(http.Request);
        if (problem is not null) return problem;
        if (body!.RetentionMinutes is { } retention && (retention < 1 || retention > 525_600 || double.IsNaN(retention)))
            return Problems.Field("retention_minutes", "must be between 1 and 525600 (one year).");
        if (body.MaxUploadBytes is < 1024 * 1024 or > 100L * 1024 * 1024 * 1024)
            return Problems.Field("max_upload_bytes", "must be between 1 MiB and 100 GiB.");
        if (body.MinFreeDiskBytes is < 0)
            return Problems.Field("min_free_disk_bytes", "must be 0 or more.");
        if (body.RetentionMinutes is null && body.MaxUploadBytes is null && body.MinFreeDiskBytes is null)
            return Problems.Field("body", "names nothing to change (retention_minutes, max_upload_bytes, min_free_disk_bytes).");
        var changes = new List<string>();
        if (body.RetentionMinutes is { } minutes)
        {
            settings.Set(ServerSettings.RetentionMinutes, minutes);
            changes.Add($"retention_minutes {minutes}");
        }
        if (body.MaxUploadBytes is { } bytes)
        {
            settings.Set(ServerSettings.MaxUploadBytes, bytes);
            changes.Add($"max_upload_bytes {bytes}");
        }
        if (body.MinFreeDiskBytes is { } minFree)
        {
            settings.Set(ServerSettings.MinFreeDiskBytes, minFree);
            changes.Add($"min_free_disk_bytes {minFree}");
        }
        http.Audit(audit, "settings.update", null, string.Join("; ", changes));
        return Results.Ok(View(settings));
    }

    private static object View(ServerSettings settings) => new { retention_minutes = settings.Retention, max_upload_bytes = settings.UploadLimit, min_free_disk_bytes = settings.MinFreeDisk };
}
