using System.Security.Cryptography;

namespace Mesa.Identity;

/// <summary>ECDSA P-256 keys as PEM and as the base64url SPKI carried inside certificates and profiles.</summary>
public static class P256Keys
{
    public static ECDsa New() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PublicKeyText(ECDsa key) => System.Buffers.Text.Base64Url.EncodeToString(key.ExportSubjectPublicKeyInfo());

    /// <exception cref="IdentityException">The text is not a base64url P-256 public key.</exception>
    public static ECDsa FromPublicKeyText(string text, string what)
    {
        try
        {
            var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(System.Buffers.Text.Base64Url.DecodeFromChars(text), out _);
            if (key.KeySize != 256) throw new IdentityException($"{what} is not a P-256 key.");
            return key;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new IdentityException($"{what} is not a base64url P-256 public key.");
        }
    }

    /// <exception cref="IdentityException">The file is missing or holds no EC private key.</exception>
    public static ECDsa LoadPrivate(string path)
    {
        if (!File.Exists(path)) throw new IdentityException($"{path} does not exist.");
        try
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(path));
            key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new IdentityException($"{path} holds no EC private key in PEM form.");
        }
    }
}
