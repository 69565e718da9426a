namespace Mesa.Server.Endpoints;

/// <summary>Body of POST /uploads/{id}/chunks/finish: the SHA-256 of the whole file as the client computed it (hex).</summary>
public sealed record FinishUploadRequest(string? Sha256);
