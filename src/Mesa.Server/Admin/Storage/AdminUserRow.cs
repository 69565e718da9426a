namespace Mesa.Server.Admin.Storage;

/// <summary>A user as the console lists it: the <c>users</c> row with its controls and token counts.</summary>
public sealed record AdminUserRow
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Name { get; init; }
    public required string Affiliation { get; init; }
    public long Priority { get; init; }
    public long CreatedMs { get; init; }
    public long TokensValidFromS { get; init; }
    public long? RetentionMinutes { get; init; }
    public long? QuotaJobsPerDay { get; init; }
    public long? QuotaUploadBytes { get; init; }
    public long? QuotaStorageBytes { get; init; }
    public long OpenEmailTokens { get; init; }
}
