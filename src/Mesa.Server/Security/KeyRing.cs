namespace Mesa.Server.Security;

/// <summary>One consistent view of the server's keys: which root they chain to, all keys by kid, and the one that signs.</summary>
public sealed record KeyRing(string RootFingerprint, IReadOnlyList<SigningKey> Keys)
{
    /// <summary>The newest key that is neither revoked nor outside its validity; null when there is none.</summary>
    public SigningKey? Current(DateTimeOffset now) =>
        Keys.Where(k => k.RevokedAt is null && k.Certificate.IsValidAt(now) && k.CanSign)
            .MaxBy(k => k.Certificate.NotBefore);

    /// <summary>The key a token names, unless revoked or unknown.</summary>
    public SigningKey? Trusted(string? kid) => Keys.FirstOrDefault(k => k.Kid == kid && k.RevokedAt is null);
}
