namespace Mesa.Server.Admin.Endpoints;

public sealed record BlacklistRequest(string? Kind, string? Value, string? Reason);
