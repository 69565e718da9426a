namespace Mesa.Server.Admin.Storage;

/// <summary>What the console filters the audit log by; null fields do not filter.</summary>
public sealed record AuditFilter(string? ActorKind, string? Actor, string? Action, string? Target, long? FromMs, long? ToMs);
