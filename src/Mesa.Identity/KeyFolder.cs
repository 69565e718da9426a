using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mesa.Identity;

/// <summary>
/// The server's identity keys under <c>DATA_FOLDER/keys</c>, written by <c>mesa-cloud keys</c> and read by the server:
/// <list type="bullet">
/// <item><c>root-public.pem</c>: the trusted root's public key; its presence means "a root is configured".</item>
/// <item><c>active/KID.key.pem</c> (owner-only) and <c>active/KID.cert.json</c>: each active key and its root certificate.</item>
/// <item><c>active/KID.revoked</c>: the revocation time of a compromised key.</item>
/// </list>
/// Files are only ever added, never rewritten, so a server reading the folder while a command writes it sees
/// either the old or the new set.
/// </summary>
public sealed class KeyFolder(string keysFolder)
{
    public string RootPublicKeyPath => Path.Combine(keysFolder, "root-public.pem");
    public string ActiveFolder => Path.Combine(keysFolder, "active");

    public static KeyFolder InDataFolder(string dataFolder) => new(Path.Combine(dataFolder, "keys"));

    public bool HasRoot => File.Exists(RootPublicKeyPath);

    /// <summary>The fingerprint of the trusted root.</summary>
    /// <exception cref="IdentityException">No root is configured, or its file is unreadable.</exception>
    public string RootFingerprint()
    {
        if (!HasRoot) throw new IdentityException($"no root is configured ({RootPublicKeyPath} is missing); run 'mesa-cloud keys issue-active' first.");
        try
        {
            using var root = ECDsa.Create();
            root.ImportFromPem(File.ReadAllText(RootPublicKeyPath));
            return KeyFingerprint.Of(root);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new IdentityException($"{RootPublicKeyPath} holds no EC public key in PEM form.");
        }
    }

    /// <summary>Creates a new active key certified by <paramref name="root"/>, trusting that root from now on.</summary>
    /// <exception cref="IdentityException">The folder already trusts another root.</exception>
    public ActiveKey Issue(ECDsa root, TimeSpan lifetime)
    {
        var fingerprint = KeyFingerprint.Of(root);
        if (HasRoot && RootFingerprint() != fingerprint)
            throw new IdentityException($"{keysFolder} trusts root {RootFingerprint()}, not {fingerprint}; use that root's key file.");
        if (!HasRoot)
        {
            NewFile.Create(RootPublicKeyPath, root.ExportSubjectPublicKeyInfoPem(), ownerOnly: false);
        }
        using var active = P256Keys.New();
        var now = DateTimeOffset.UtcNow;
        var certificate = KeyCertificate.Issue(root, active, now.AddMinutes(-1), now + lifetime);
        var privatePath = Path.Combine(ActiveFolder, $"{certificate.Kid}.key.pem");
        NewFile.Create(privatePath, active.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        // The certificate goes last: a key is only picked up once its certificate exists.
        NewFile.Create(CertificatePath(certificate.Kid), JsonSerializer.Serialize(certificate, IdentityJson.Indented), ownerOnly: false);
        return new ActiveKey(certificate, privatePath, null);
    }

    /// <exception cref="IdentityException">No such key, or it is the last usable one.</exception>
    public void Revoke(string kid)
    {
        var keys = Load();
        var key = keys.FirstOrDefault(k => k.Kid == kid) ?? throw new IdentityException($"no active key '{kid}' in {ActiveFolder}.");
        if (key.IsRevoked) throw new IdentityException($"key {kid} was already revoked at {key.RevokedAt:O}.");
        var now = DateTimeOffset.UtcNow;
        if (!keys.Any(k => k.Kid != kid && !k.IsRevoked && k.Certificate.IsValidAt(now)))
            throw new IdentityException($"key {kid} is the only usable key; issue a new active key first ('mesa-cloud keys issue-active').");
        NewFile.Create(Path.Combine(ActiveFolder, $"{kid}.revoked"), now.ToString("O", CultureInfo.InvariantCulture), ownerOnly: false);
    }

    /// <summary>Every key with a certificate, revoked ones included, newest first.</summary>
    /// <exception cref="IdentityException">A certificate is malformed or not signed by the trusted root.</exception>
    public IReadOnlyList<ActiveKey> Load()
    {
        if (!Directory.Exists(ActiveFolder)) return [];
        var root = RootFingerprint();
        var keys = new List<ActiveKey>();
        foreach (var path in Directory.EnumerateFiles(ActiveFolder, "*.cert.json"))
        {
            var certificate = IdentityJson.Read<KeyCertificate>(File.ReadAllText(path), path);
            certificate.Verify(root).Dispose();
            var revokedPath = Path.Combine(ActiveFolder, $"{certificate.Kid}.revoked");
            DateTimeOffset? revoked = File.Exists(revokedPath)
                ? DateTimeOffset.Parse(File.ReadAllText(revokedPath), CultureInfo.InvariantCulture)
                : null;
            keys.Add(new ActiveKey(certificate, Path.Combine(ActiveFolder, $"{certificate.Kid}.key.pem"), revoked));
        }
        return keys.OrderByDescending(k => k.Certificate.NotBefore).ThenBy(k => k.Kid, StringComparer.Ordinal).ToList();
    }

    /// <summary>When the folder last changed (a key issued or revoked), to reload only then.</summary>
    public DateTime LastChangeUtc() => Directory.Exists(ActiveFolder) ? Directory.GetLastWriteTimeUtc(ActiveFolder) : DateTime.MinValue;

    private string CertificatePath(string kid) => Path.Combine(ActiveFolder, $"{kid}.cert.json");
}
