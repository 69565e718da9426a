namespace Mesa.Server.Configuration;

/// <summary>
/// Default per-user quotas; a user row's <c>quota_*</c> columns override them. The upload quota per job
/// defaults to <see cref="LimitOptions.MaxUploadBytes"/>.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>Jobs a user may create in any 24 hours.</summary>
    public long JobsPerDay { get; set; } = 20;

    /// <summary>Bytes a user's uploads and results may hold at once on the server.</summary>
    public long StorageBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
