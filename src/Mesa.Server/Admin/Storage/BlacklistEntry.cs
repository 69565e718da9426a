namespace Mesa.Server.Admin.Storage;

/// <summary>A <c>blacklist</c> row: kind "email" (a whole address) or "domain" (the part after @).</summary>
public sealed record BlacklistEntry
{
    public required string Kind { get; init; }
    public required string Value { get; init; }
    public string? Reason { get; init; }
    public long CreatedMs { get; init; }
}
