using System.Text.Json;

namespace Mesa.Cli.Client;

/// <summary>
/// What <c>mesa-cloud verify</c> saves for the other client commands: the server and the access token.
/// Kept in a file readable by its owner only (MESA keeps its token in config.ini the same way).
/// </summary>
internal sealed record ClientCredentials(string Server, string AccessToken, DateTimeOffset ExpiresAt)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary><c>--credentials</c>, else <c>MESA_CLOUD_CREDENTIALS</c>, else ~/.config/mesa-cloud/credentials.json.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("MESA_CLOUD_CREDENTIALS") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "mesa-cloud", "credentials.json");

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <exception cref="ClientException">No credentials saved, or the access token has expired.</exception>
    public static ClientCredentials Load(string path)
    {
        if (!File.Exists(path)) throw new ClientException($"no credentials in {path}; run 'mesa-cloud register' and 'mesa-cloud verify' first.");
        var credentials = JsonSerializer.Deserialize<ClientCredentials>(File.ReadAllText(path), Json)
            ?? throw new ClientException($"{path} is empty.");
        if (credentials.ExpiresAt <= DateTimeOffset.UtcNow)
            throw new ClientException("the access token has expired; run 'mesa-cloud register' and 'mesa-cloud verify' again.");
        return credentials;
    }
}
