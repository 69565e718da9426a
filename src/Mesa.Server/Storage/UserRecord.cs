namespace Mesa.Server.Storage;

/// <summary>A registered user (a <c>users</c> row).</summary>
/// <remarks>Init properties rather than a positional record: Dapper maps SQLite's NULLs reliably only through setters.</remarks>
[GenerateSerializer, Immutable, Alias("Mesa.UserRecord")]
public sealed record UserRecord
{
    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public required string Email { get; init; }
    [Id(2)]
    public required string Name { get; init; }
    [Id(3)]
    public required string Affiliation { get; init; }
    [Id(4)]
    public required string ProjectSummary { get; init; }
    [Id(5)]
    public long Priority { get; init; }
    [Id(6)]
    public long CreatedMs { get; init; }

    /// <summary>Per-user overrides of the configured retention and quotas; null takes the default.</summary>
    [Id(7)]
    public long? RetentionMinutes { get; init; }
    [Id(8)]
    public long? QuotaJobsPerDay { get; init; }
    [Id(9)]
    public long? QuotaUploadBytes { get; init; }
    [Id(10)]
    public long? QuotaStorageBytes { get; init; }
}
