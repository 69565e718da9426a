using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mesa.Identity;

/// <summary>
/// An active signing key certified by the offline root: the root's ES256 signature over the key id, the
/// active public key and its validity window. Carries the root public key so a client holding only the
/// root fingerprint can check it.
/// </summary>
public sealed record KeyCertificate(
    string Kid,
    string Alg,
    string PublicKey,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string RootFingerprint,
    string RootPublicKey,
    string Signature)
{
    public const string Es256 = "ES256";

    public static KeyCertificate Issue(ECDsa root, ECDsa active, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var unsigned = new KeyCertificate(KeyFingerprint.KeyId(active), Es256, P256Keys.PublicKeyText(active),
            Milliseconds(notBefore), Milliseconds(notAfter), KeyFingerprint.Of(root), P256Keys.PublicKeyText(root), "");
        return unsigned with { Signature = System.Buffers.Text.Base64Url.EncodeToString(root.SignData(unsigned.SignedBytes(), HashAlgorithmName.SHA256)) };
    }

    /// <summary>Checks the chain to <paramref name="rootFingerprint"/> and returns the certified public key.</summary>
    /// <exception cref="IdentityException">Wrong root, bad signature, or a key id that does not match the key.</exception>
    public ECDsa Verify(string rootFingerprint)
    {
        if (Alg != Es256) throw new IdentityException($"key {Kid}: alg '{Alg}' is not supported (only ES256).");
        using var root = P256Keys.FromPublicKeyText(RootPublicKey, $"key {Kid}: root_public_key");
        if (KeyFingerprint.Of(root) != rootFingerprint || RootFingerprint != rootFingerprint)
            throw new IdentityException($"key {Kid} is certified by root {RootFingerprint}, not by the trusted root {rootFingerprint}.");
        byte[] signature;
        try
        {
            signature = System.Buffers.Text.Base64Url.DecodeFromChars(Signature);
        }
        catch (FormatException)
        {
            throw new IdentityException($"key {Kid}: the certificate signature is not base64url.");
        }
        if (!root.VerifyData(SignedBytes(), signature, HashAlgorithmName.SHA256))
            throw new IdentityException($"key {Kid}: the certificate signature does not match its contents (tampered or forged).");
        var key = P256Keys.FromPublicKeyText(PublicKey, $"key {Kid}: public_key");
        if (KeyFingerprint.KeyId(key) != Kid) throw new IdentityException($"key {Kid}: the key id does not belong to the certified public key.");
        return key;
    }

    public bool IsValidAt(DateTimeOffset moment) => NotBefore <= moment && moment < NotAfter;

    // One field per line in a fixed order; none of the fields can hold a newline (hex, base64url, integers).
    private byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\n', "mesa-key-certificate/1", Kid, Alg, PublicKey,
        NotBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), NotAfter.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        RootFingerprint, RootPublicKey));

    // Milliseconds, not seconds: the newest key signs, and two keys issued within one second must still be ordered.
    private static DateTimeOffset Milliseconds(DateTimeOffset moment) => DateTimeOffset.FromUnixTimeMilliseconds(moment.ToUnixTimeMilliseconds());
}
