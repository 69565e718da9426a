namespace Mesa.Server.Admin.Storage;

/// <summary>An <c>admins</c> row.</summary>
public sealed record AdminRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string PasswordHash { get; init; }
    public required string PasswordSalt { get; init; }
    public long Iterations { get; init; }
    public long FailedSignIns { get; init; }
    public long LockedUntilMs { get; init; }
    public long CreatedMs { get; init; }
}
