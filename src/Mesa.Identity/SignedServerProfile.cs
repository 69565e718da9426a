using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mesa.Identity;

/// <summary>
/// A server profile file: the profile and its signature. The signature covers the profile's compact JSON as this
/// class writes it, so the file may be re-indented but any changed value breaks it; unknown fields are refused.
/// </summary>
public sealed record SignedServerProfile(ServerProfile Profile, DocumentSignature? Signature)
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
        signature.Check(SignedBytes(profile), root, profile.Created, "the profile");
        CheckFields(profile);
        return profile;
    }

    private static SignedServerProfile Sign(ServerProfile profile, ECDsa key, KeyCertificate? certificate) =>
        new(profile, DocumentSignature.Sign(SignedBytes(profile), key, certificate));

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

    // Domain-separated so a profile signature can never be replayed as a certificate or a token, and vice versa.
    private static byte[] SignedBytes(ServerProfile profile) =>
        [.. Encoding.UTF8.GetBytes("mesa-server-profile/1\n"), .. JsonSerializer.SerializeToUtf8Bytes(profile, IdentityJson.Strict)];
}
