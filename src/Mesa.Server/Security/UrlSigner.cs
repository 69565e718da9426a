using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Security;

/// <summary>
/// Pre-signed URLs for uploads and downloads: HMAC-SHA256 over method, path and expiry with a key kept
/// in the data folder, checked in constant time. They carry no user token, so they may sit in a URL.
/// </summary>
public sealed class UrlSigner
{
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;

    public UrlSigner(DataFolder folder, IOptions<MesaOptions> options)
    {
        _key = Convert.FromBase64String(KeyFiles.LoadOrCreate(Path.Combine(folder.Keys, "url-hmac.key"),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        _lifetime = TimeSpan.FromMinutes(options.Value.Auth.SignedUrlMinutes);
    }

    /// <summary>The path with <c>expires</c> and <c>sig</c> query parameters, and when it expires.</summary>
    public (string PathAndQuery, DateTimeOffset Expires) Sign(string method, string path)
    {
        var expires = DateTimeOffset.UtcNow.Add(_lifetime);
        var seconds = expires.ToUnixTimeSeconds();
        return ($"{path}?expires={seconds}&sig={Signature(method, path, seconds)}", DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public bool IsValid(string method, string path, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null) return false;
        if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() > seconds) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(method, path, seconds));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private string Signature(string method, string path, long expires) =>
        Base64Url.Encode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{method}\n{path}\n{expires.ToString(CultureInfo.InvariantCulture)}")));
}
