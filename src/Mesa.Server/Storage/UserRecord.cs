namespace Mesa.Server.Storage;

/// <summary>A registered user (a <c>users</c> row).</summary>
/// <remarks>Init properties rather than a positional record: Dapper maps SQLite's NULLs reliably only through setters.</remarks>
public sealed record UserRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Name { get; init; }
    public required string Affiliation { get; init; }
    public required string ProjectSummary { get; init; }
    public long Priority { get; init; }
    public long CreatedMs { get; init; }

    /// <summary>Per-user overrides of the configured retention and quotas; null takes the default.</summary>
    public long? RetentionMinutes { get; init; }
    public long? QuotaJobsPerDay { get; init; }
    public long? QuotaUploadBytes { get; init; }
    public long? QuotaStorageBytes { get; init; }
}
