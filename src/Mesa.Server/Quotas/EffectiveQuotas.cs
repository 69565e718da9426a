namespace Mesa.Server.Quotas;

/// <summary>A user's quotas after applying the row's overrides to the configured defaults (as returned by /auth/verify).</summary>
public sealed record EffectiveQuotas(long JobsPerDay, long UploadBytesPerJob, long StorageBytes);
