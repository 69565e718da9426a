namespace Mesa.Identity;

/// <summary>One key of a server's key folder: its certificate, where its private key lies, and whether it was revoked.</summary>
public sealed record ActiveKey(KeyCertificate Certificate, string PrivateKeyPath, DateTimeOffset? RevokedAt)
{
    public string Kid => Certificate.Kid;

    public bool IsRevoked => RevokedAt is not null;
}
