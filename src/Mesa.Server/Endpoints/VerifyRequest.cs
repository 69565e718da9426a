namespace Mesa.Server.Endpoints;

/// <summary>Body of POST /auth/verify (the token may come as a bearer header instead).</summary>
public sealed record VerifyRequest(string? Token);
