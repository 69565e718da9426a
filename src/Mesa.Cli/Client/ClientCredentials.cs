using System.Text.Json;

namespace Mesa.Cli.Client;

/// <summary>
/// What <c>mesa-cloud verify</c> saves for the other client commands: the server, the access token and the refresh
/// token that renews it. Kept in a file readable by its owner only (MESA keeps its token in config.ini the same way).
/// </summary>
internal sealed record ClientCredentials(string Server, string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken = null, DateTimeOffset? RefreshExpiresAt = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary><c>--credentials</c>, else <c>MESA_CLOUD_CREDENTIALS</c>, else ~/.config/mesa-cloud/credentials.json.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("MESA_CLOUD_CREDENTIALS") is { Length: > 0 } path ? path : ClientConfigFolder.PathOf("credentials.json");

    /// <summary>Credentials from a /auth/verify or /auth/refresh reply.</summary>
    public static ClientCredentials FromReply(string server, JsonElement reply)
    {
        var now = DateTimeOffset.UtcNow;
        return new ClientCredentials(server, reply.GetProperty("access_token").GetString()!, now.AddSeconds(reply.GetProperty("expires_in").GetInt32()),
            reply.GetProperty("refresh_token").GetString(), now.AddSeconds(reply.GetProperty("refresh_expires_in").GetInt64()));
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <exception cref="ClientException">No credentials saved.</exception>
    public static ClientCredentials Load(string path)
    {
        if (!File.Exists(path)) throw new ClientException($"no credentials in {path}; run 'mesa-cloud register' and 'mesa-cloud verify' first.");
        return JsonSerializer.Deserialize<ClientCredentials>(File.ReadAllText(path), Json) ?? throw new ClientException($"{path} is empty.");
    }
}
