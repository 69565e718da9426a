namespace Mesa.Server.Admin.Storage;

/// <summary>A signed-in admin's session (an <c>admin_sessions</c> row joined with its admin).</summary>
public sealed record AdminSession
{
    public required string AdminId { get; init; }
    public required string Email { get; init; }
    public required string CsrfToken { get; init; }
    public required string IdHash { get; init; }
}
