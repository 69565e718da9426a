namespace Mesa.Server.Admin.Storage;

/// <summary>An <c>audit_log</c> row. Actor kinds: admin, user, anonymous (failed sign-ins).</summary>
public sealed record AuditEntry
{
    public long Seq { get; init; }
    public long AtMs { get; init; }
    public required string ActorKind { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Target { get; init; }
    public string? Detail { get; init; }
}
