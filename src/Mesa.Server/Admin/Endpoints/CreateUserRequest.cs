namespace Mesa.Server.Admin.Endpoints;

public sealed record CreateUserRequest(string? Email, string? Name, string? Affiliation, string? ProjectSummary);
