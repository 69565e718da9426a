namespace Mesa.Server.Admin.Endpoints;

public sealed record SignInRequest(string? Email, string? Password);
