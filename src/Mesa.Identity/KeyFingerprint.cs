using System.Security.Cryptography;

namespace Mesa.Identity;

/// <summary>
/// Fingerprints name public keys: SHA-256 of the key's DER SubjectPublicKeyInfo, lowercase hex (64 characters),
/// the same bytes <c>openssl pkey -pubin -outform DER | sha256sum</c> hashes.
/// </summary>
public static class KeyFingerprint
{
    public static string Of(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    public static string Of(ECDsa key) => Of(key.ExportSubjectPublicKeyInfo());

    /// <summary>A key id: the first 16 hex characters of the fingerprint (the JWT <c>kid</c>).</summary>
    public static string KeyId(ECDsa key) => Of(key)[..16];

    /// <summary>Normalises a fingerprint given by a person (case, colons, spaces) and checks its shape.</summary>
    public static string Parse(string text)
    {
        var normalised = new string(text.Where(c => c is not (':' or ' ')).ToArray()).ToLowerInvariant();
        if (normalised.Length != 64 || !normalised.All(Uri.IsHexDigit))
            throw new IdentityException($"'{text}' is not a root fingerprint (64 hex characters, the SHA-256 of the public key).");
        return normalised;
    }
}
