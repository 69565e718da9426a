namespace Mesa.Server.Admin.Endpoints;

/// <summary>Absent fields stay as they are.</summary>
public sealed record SettingsRequest(double? RetentionMinutes, long? MaxUploadBytes, long? MinFreeDiskBytes);
