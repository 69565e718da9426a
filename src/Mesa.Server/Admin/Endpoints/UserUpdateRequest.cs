namespace Mesa.Server.Admin.Endpoints;

/// <summary>
/// PATCH of a user's settings: absent fields stay as they are; <c>clear</c> names overrides to drop, so the
/// configured default applies again (retention_minutes, quota_jobs_per_day, quota_upload_bytes, quota_storage_bytes).
/// </summary>
public sealed record UserUpdateRequest(long? Priority, long? RetentionMinutes, long? QuotaJobsPerDay, long? QuotaUploadBytes, long? QuotaStorageBytes, string[]? Clear);
