using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mesa.Cli.Client;
using Mesa.Identity;

namespace Mesa.Cli.Profiles;

/// <summary>
/// For the server of an imported profile: checks that the access token just received is signed by a key the
/// pinned root certified, as published at <c>/.well-known/mesa-keys</c>. Other servers are not checked.
/// </summary>
internal static class ServerIdentityCheck
{
    /// <exception cref="ClientException">The server's keys or the token do not chain to the pinned root.</exception>
    public static async Task VerifyAsync(string server, string accessToken, CancellationToken cancellation)
    {
        if (ImportedServer.Load() is not { } imported || !SameServer(imported.BaseUrl, server)) return;
        using var client = new ServerClient(server);
        var published = await client.GetAsync("/.well-known/mesa-keys", cancellation);
        var parts = accessToken.Split('.');
        var kid = parts.Length == 3 ? Header(parts[0]) : null;
        var key = published.GetProperty("keys").EnumerateArray().FirstOrDefault(k => k.GetProperty("kid").GetString() == kid);
        if (key.ValueKind != JsonValueKind.Object) throw Changed($"the access token's key {kid} is not published");
        try
        {
            using var certified = IdentityJson.Read<KeyCertificate>(key.GetProperty("certificate").GetRawText(), $"the certificate of key {kid}").Verify(imported.RootFingerprint);
            if (!certified.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
                throw Changed($"the access token is not signed by key {kid}");
        }
        catch (IdentityException e)
        {
            throw Changed(e.Message);
        }
    }

    private static bool SameServer(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? Header(string segment)
    {
        try
        {
            return JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(segment)).RootElement.GetProperty("kid").GetString();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ClientException Changed(string why) =>
        new($"server identity changed ({why}; the pinned root is the imported profile's). Please retry or contact support.");
}
