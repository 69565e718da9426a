namespace Mesa.Server.Security;

/// <summary>What a valid access token grants: its user, when it was issued (for revocation points), and the key and expiry it is valid under.</summary>
public sealed record AccessGrant(string UserId, DateTimeOffset IssuedAt, DateTimeOffset Expires, string Kid);
