using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mesa.Identity;

/// <summary>
/// A cluster seed file: the seed and its signature, by the root of the server that imports it or by a key that root
/// certified. As with profiles, the signature covers the seed's compact JSON, so re-indenting is harmless, any changed
/// value breaks it, and unknown fields are refused.
/// </summary>
public sealed record SignedClusterSeed(ClusterSeed Seed, DocumentSignature? Signature)
{
    private const string What = "the seed";

    /// <param name="certificate">The root's certificate of <paramref name="key"/>; null when <paramref name="key"/> is the root itself.</param>
    public static SignedClusterSeed Sign(ClusterSeed seed, ECDsa key, KeyCertificate? certificate)
    {
        CheckFields(seed);
        return new SignedClusterSeed(seed, DocumentSignature.Sign(SignedBytes(seed), key, certificate));
    }

    public string ToJson() => JsonSerializer.Serialize(this, IdentityJson.Indented);

    /// <summary>Reads and checks a seed file's text.</summary>
    /// <param name="trustedRoot">The root the seed must be signed by; null trusts the root the signature names.</param>
    /// <exception cref="IdentityException">Malformed, unsigned, signed by a foreign root, or tampered with; the message says which.</exception>
    public static SignedClusterSeed Verify(string json, string? trustedRoot)
    {
        var file = IdentityJson.Read<SignedClusterSeed>(json, What);
        var seed = file.Seed;
        if (seed.SchemaVersion != ClusterSeed.CurrentSchemaVersion)
            throw new IdentityException($"the seed has schema_version {seed.SchemaVersion}; this build reads version {ClusterSeed.CurrentSchemaVersion}.");
        var signature = file.Signature ?? throw new IdentityException("the seed is unsigned (no signature); sign it with 'mesa-cloud peers seed create'.");
        var signerRoot = signature.SignerRoot();
        var root = trustedRoot ?? signerRoot;
        if (signerRoot != root)
            throw new IdentityException($"the seed is signed under a foreign root {signerRoot}; this server trusts root {root}.");
        signature.Check(SignedBytes(seed), root, seed.Created, What);
        CheckFields(seed);
        return file;
    }

    /// <summary>The root the signature chains to (checked by <see cref="Verify"/>).</summary>
    public string SignerRoot() => (Signature ?? throw new IdentityException("the seed is unsigned (no signature).")).SignerRoot();

    private static void CheckFields(ClusterSeed seed)
    {
        if (seed.SeedId.Length is 0 or > 64 || !seed.SeedId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new IdentityException($"the seed's seed_id '{seed.SeedId}' is not 1-64 letters, digits, '-' or '_'.");
        if (seed.Version < 1) throw new IdentityException($"the seed's version {seed.Version} is not 1 or more.");
        foreach (var peer in seed.Peers)
        {
            if (!Uri.TryCreate(peer.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Query.Length > 0)
                throw new IdentityException($"the seed's peer base_url '{peer.BaseUrl}' is not an http(s) URL without a query.");
            if (KeyFingerprint.Parse(peer.RootFingerprint) != peer.RootFingerprint)
                throw new IdentityException($"the seed's peer {peer.BaseUrl} has root_fingerprint '{peer.RootFingerprint}', not 64 lowercase hex characters.");
            if (peer.Label.Length is 0 or > 100) throw new IdentityException($"the seed's peer {peer.BaseUrl} needs a label of 1-100 characters.");
        }
        var twice = seed.Peers.GroupBy(p => p.RootFingerprint).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new IdentityException($"the seed names root {twice.Key} for more than one peer.");
    }

    // Domain-separated from profiles, certificates and statuses, so no signature can be replayed as another kind.
    private static byte[] SignedBytes(ClusterSeed seed) =>
        [.. Encoding.UTF8.GetBytes("mesa-cluster-seed/1\n"), .. JsonSerializer.SerializeToUtf8Bytes(seed, IdentityJson.Strict)];
}
