using System.Security.Cryptography;

namespace Mesa.Identity;

/// <summary>
/// The ES256 signature of a signed document (server profile, cluster seed, peer status), by the root itself
/// (<see cref="Certificate"/> null, <see cref="PublicKey"/> the root's) or by a key the root certified (the certificate
/// travels with the signature).
/// </summary>
public sealed record DocumentSignature(string Alg, string KeyId, string PublicKey, KeyCertificate? Certificate, string Value)
{
    /// <param name="certificate">The root's certificate of <paramref name="key"/>; null when <paramref name="key"/> is the root.</param>
    public static DocumentSignature Sign(byte[] signedBytes, ECDsa key, KeyCertificate? certificate) =>
        new(KeyCertificate.Es256, KeyFingerprint.KeyId(key), P256Keys.PublicKeyText(key), certificate,
            System.Buffers.Text.Base64Url.EncodeToString(key.SignData(signedBytes, HashAlgorithmName.SHA256)));

    /// <summary>The root the signer belongs to: the signing key's own fingerprint, or the root its certificate names.</summary>
    public string SignerRoot()
    {
        if (Certificate is not null) return Certificate.RootFingerprint;
        using var key = P256Keys.FromPublicKeyText(PublicKey, "the signature's public_key");
        return KeyFingerprint.Of(key);
    }

    /// <summary>Checks that this signature covers <paramref name="signedBytes"/> and chains to <paramref name="root"/>.</summary>
    /// <param name="what">The document, for messages ("the profile").</param>
    /// <param name="signedAt">When the document says it was made; a certified key must have been valid then.</param>
    /// <exception cref="IdentityException">Another alg, a key outside the root, a key invalid at <paramref name="signedAt"/>, or tampered contents.</exception>
    public void Check(byte[] signedBytes, string root, DateTimeOffset signedAt, string what)
    {
        if (Alg != KeyCertificate.Es256) throw new IdentityException($"{what} signature alg '{Alg}' is not supported (only ES256).");
        using var signer = SignerKey(root, signedAt, what);
        if (!signer.VerifyData(signedBytes, Decode(what), HashAlgorithmName.SHA256))
            throw new IdentityException($"{what} signature does not match its contents (tampered or forged).");
    }

    private ECDsa SignerKey(string root, DateTimeOffset signedAt, string what)
    {
        if (Certificate is null)
        {
            var key = P256Keys.FromPublicKeyText(PublicKey, $"{what} signature's public_key");
            if (KeyFingerprint.Of(key) == root) return key;
            key.Dispose();
            throw new IdentityException($"{what} is signed by key {KeyId}, which is neither the trusted root {root} nor certified by it.");
        }
        var certified = Certificate.Verify(root);
        if (P256Keys.PublicKeyText(certified) != PublicKey || Certificate.Kid != KeyId)
        {
            certified.Dispose();
            throw new IdentityException($"{what} signature's key is not the one its certificate certifies.");
        }
        if (!Certificate.IsValidAt(signedAt))
        {
            certified.Dispose();
            throw new IdentityException($"{what} was created {signedAt:O}, outside the validity of signing key {KeyId}.");
        }
        return certified;
    }

    private byte[] Decode(string what)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(Value);
        }
        catch (FormatException)
        {
            throw new IdentityException($"{what} signature value is not base64url.");
        }
    }
}
