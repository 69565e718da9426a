using System.Security.Cryptography;
using Mesa.Identity;
using Mesa.Server.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Security;

/// <summary>
/// The keys that sign access tokens. With a root configured (<c>keys/root-public.pem</c>, written by
/// <c>mesa-cloud keys issue-active</c>) they are the certified keys of <c>keys/active</c>, re-read when that folder
/// changes, so issuing or revoking a key needs no restart. Without one, the embedded default: a key generated on
/// first start, certified by a root that is also generated and kept in the data folder.
/// </summary>
public sealed partial class SigningKeys
{
    // How often the key folder's change time is looked at; a revocation takes effect within this.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly KeyFolder _folder;
    private readonly string _keysFolder;
    private readonly ILogger<SigningKeys> _logger;
    private readonly Lock _reloading = new();
    private KeyRing _ring;
    private DateTime _loadedChange;
    private long _nextCheckTicks;

    public SigningKeys(DataFolder data, ILogger<SigningKeys> logger)
    {
        _keysFolder = data.Keys;
        _folder = new KeyFolder(data.Keys);
        _logger = logger;
        _loadedChange = _folder.LastChangeUtc();
        _ring = _folder.HasRoot ? LoadCertified() : EmbeddedDefault();
        LogLoaded(_ring.RootFingerprint, _ring.Keys.Count, _folder.HasRoot ? "configured root" : "embedded default root");
    }

    /// <summary>The current view, re-read first when the key folder has changed.</summary>
    public KeyRing Ring
    {
        get
        {
            var now = Environment.TickCount64;
            if (now >= Interlocked.Read(ref _nextCheckTicks)) Refresh(now);
            return _ring;
        }
    }

    /// <exception cref="InvalidOperationException">Every key is revoked or expired.</exception>
    public SigningKey Current() => Ring.Current(DateTimeOffset.UtcNow)
        ?? throw new InvalidOperationException($"No usable signing key in {_folder.ActiveFolder}: every key is revoked or expired; run 'mesa-cloud keys issue-active'.");

    private void Refresh(long now)
    {
        lock (_reloading)
        {
            Interlocked.Exchange(ref _nextCheckTicks, now + (long)CheckInterval.TotalMilliseconds);
            var change = _folder.LastChangeUtc();
            if (change == _loadedChange || !_folder.HasRoot) return;
            try
            {
                _ring = LoadCertified();
                _loadedChange = change;
                LogLoaded(_ring.RootFingerprint, _ring.Keys.Count, "reloaded");
            }
            catch (Exception e) when (e is IdentityException or IOException or CryptographicException or ArgumentException)
            {
                // Keep signing with the keys already loaded rather than locking every user out over one bad file.
                LogReloadFailed(e.Message);
            }
        }
    }

    private KeyRing LoadCertified()
    {
        var keys = _folder.Load()
            .Select(k => new SigningKey(SecurityKey(k.Certificate, k.PrivateKeyPath), k.Certificate, k.RevokedAt, File.Exists(k.PrivateKeyPath)))
            .ToList();
        return new KeyRing(_folder.RootFingerprint(), keys);
    }

    private KeyRing EmbeddedDefault()
    {
        using var root = Load(Path.Combine(_keysFolder, "local-root.pem"));
        var active = Load(Path.Combine(_keysFolder, "jwt-es256.pem"));
        var certificate = KeyCertificate.Issue(root, active, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(100));
        return new KeyRing(certificate.RootFingerprint, [new SigningKey(new ECDsaSecurityKey(active) { KeyId = certificate.Kid }, certificate, null, CanSign: true)]);
    }

    private static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(KeyFiles.LoadOrCreate(path, () =>
        {
            using var created = P256Keys.New();
            return created.ExportPkcs8PrivateKeyPem();
        }));
        return key;
    }

    // The private key is read when present; a node without it still validates tokens another node signed.
    private static ECDsaSecurityKey SecurityKey(KeyCertificate certificate, string privateKeyPath)
    {
        var key = File.Exists(privateKeyPath) ? P256Keys.LoadPrivate(privateKeyPath) : P256Keys.FromPublicKeyText(certificate.PublicKey, certificate.Kid);
        if (KeyFingerprint.KeyId(key) != certificate.Kid) throw new IdentityException($"{privateKeyPath} is not the key its certificate {certificate.Kid} certifies.");
        return new ECDsaSecurityKey(key) { KeyId = certificate.Kid };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys {Reason}: root {RootFingerprint}, {KeyCount} key(s)")]
    private partial void LogLoaded(string rootFingerprint, int keyCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing keys not reloaded, keeping the previous ones: {Problem}")]
    private partial void LogReloadFailed(string problem);
}
