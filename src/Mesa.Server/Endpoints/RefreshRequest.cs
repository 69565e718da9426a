namespace Mesa.Server.Endpoints;

/// <summary>Body of POST /auth/refresh (the token may come as a bearer header instead).</summary>
public sealed record RefreshRequest(string? RefreshToken);
