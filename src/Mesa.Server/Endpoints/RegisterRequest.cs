namespace Mesa.Server.Endpoints;

/// <summary>Body of POST /register.</summary>
public sealed record RegisterRequest(string? Name, string? Email, string? Affiliation, string? ProjectSummary);
