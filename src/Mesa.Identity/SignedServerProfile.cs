using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mesa.Identity;

/// <summary>
/// A server profile file: the profile and its signature. The signature covers the profile's compact JSON as this
/// class writes it, so the file may be re-indented but any changed value breaks it; unknown fields are refused.
/// </summary>
public sealed record SignedServerProfile(ServerProfile Profile, ProfileSignature? Signature)
{
    /// <summary>Signs with the root key itself.</summary>
    public static SignedServerProfile SignWithRoot(ServerProfile profile, ECDsa root) =>
        Sign(profile, root, certificate: null);

    /// <summary>Signs with an active key, attaching the certificate the root gave it.</summary>
    public static SignedServerProfile SignWithActiveKey(ServerProfile profile, ECDsa activeKey, KeyCertificate certificate) =>
        Sign(profile, activeKey, certificate);

    public string ToJson() => JsonSerializer.Serialize(this, IdentityJson.Indented);

    /// <summary>Reads and checks a profile file's text.</summary>
    /// <param name="trustedRoot">The root fingerprint to require; null trusts the root the profile names (first import).</param>
    /// <exception cref="IdentityException">Malformed, unsigned, signed by another root, or tampered with.</exception>
    public static ServerProfile Verify(string json, string? trustedRoot)
    {
        var file = IdentityJson.Read<SignedServerProfile>(json, "the profile");
        var profile = file.Profile;
        if (profile.SchemaVersion != ServerProfile.CurrentSchemaVersion)
            throw new IdentityException($"the profile has schema_version {profile.SchemaVersion}; this client reads version {ServerProfile.CurrentSchemaVersion}.");
        var signature = file.Signature ?? throw new IdentityException("the profile is unsigned (no signature).");
        var root = trustedRoot ?? KeyFingerprint.Parse(profile.Trust.RootFingerprint);
        if (profile.Trust.RootFingerprint != root)
            throw new IdentityException($"the profile names root {profile.Trust.RootFingerprint}, not the trusted root {root}.");
        if (signature.Alg != KeyCertificate.Es256) throw new IdentityException($"the profile signature alg '{signature.Alg}' is not supported (only ES256).");

        using var signer = SignerKey(signature, root, profile.Created);
        if (!signer.VerifyData(SignedBytes(profile), Decode(signature.Value), HashAlgorithmName.SHA256))
            throw new IdentityException("the profile signature does not match its contents (tampered or forged).");
        CheckFields(profile);
        return profile;
    }

    private static SignedServerProfile Sign(ServerProfile profile, ECDsa key, KeyCertificate? certificate)
    {
        var signature = key.SignData(SignedBytes(profile), HashAlgorithmName.SHA256);
        return new SignedServerProfile(profile, new ProfileSignature(KeyCertificate.Es256, KeyFingerprint.KeyId(key), P256Keys.PublicKeyText(key),
            certificate, System.Buffers.Text.Base64Url.EncodeToString(signature)));
    }

    private static ECDsa SignerKey(ProfileSignature signature, string root, DateTimeOffset created)
    {
        if (signature.Certificate is null)
        {
            var key = P256Keys.FromPublicKeyText(signature.PublicKey, "the profile signature's public_key");
            if (KeyFingerprint.Of(key) == root) return key;
            key.Dispose();
            throw new IdentityException($"the profile is signed by key {signature.KeyId}, which is neither the trusted root {root} nor certified by it.");
        }
        var certified = signature.Certificate.Verify(root);
        if (P256Keys.PublicKeyText(certified) != signature.PublicKey || signature.Certificate.Kid != signature.KeyId)
            throw new IdentityException("the profile signature's key is not the one its certificate certifies.");
        if (!signature.Certificate.IsValidAt(created))
            throw new IdentityException($"the profile was created {created:O}, outside the validity of signing key {signature.KeyId}.");
        return certified;
    }

    private static void CheckFields(ServerProfile profile)
    {
        if (profile.ProfileId.Length is 0 or > 64 || !profile.ProfileId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new IdentityException($"the profile's profile_id '{profile.ProfileId}' is not 1-64 letters, digits, '-' or '_'.");
        var server = profile.Server;
        if (!Uri.TryCreate(server.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            throw new IdentityException($"the profile's base_url '{server.BaseUrl}' is not an http(s) URL.");
        if (!string.Equals(baseUrl.Host, server.DnsName, StringComparison.OrdinalIgnoreCase))
            throw new IdentityException($"the profile's base_url host '{baseUrl.Host}' is not its dns_name '{server.DnsName}'.");
        if (server.Ip is not null && !IPAddress.TryParse(server.Ip, out _))
            throw new IdentityException($"the profile's ip '{server.Ip}' is not an IP address.");
    }

    private static byte[] Decode(string value)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            throw new IdentityException("the profile signature value is not base64url.");
        }
    }

    // Domain-separated so a profile signature can never be replayed as a certificate or a token, and vice versa.
    private static byte[] SignedBytes(ServerProfile profile) =>
        [.. Encoding.UTF8.GetBytes("mesa-server-profile/1\n"), .. JsonSerializer.SerializeToUtf8Bytes(profile, IdentityJson.Strict)];
}
