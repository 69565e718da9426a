using System.Text.Json;
using Mesa.Cli.Client;
using Mesa.Identity;

namespace Mesa.Cli.Profiles;

/// <summary>
/// The server profile the client uses by default, with the root fingerprint pinned for it. Every imported profile
/// is kept under <c>profiles/</c> (none is deleted on import), and <c>server.json</c> names the one in use.
/// </summary>
internal sealed record ImportedServer(string BaseUrl, string DnsName, string RootFingerprint, string ProfileId)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private static string CurrentPath => ClientConfigFolder.PathOf("server.json");
    private static string ProfilesFolder => ClientConfigFolder.PathOf("profiles");

    public static ImportedServer? Load() =>
        File.Exists(CurrentPath) ? JsonSerializer.Deserialize<ImportedServer>(File.ReadAllText(CurrentPath), Json) : null;

    /// <summary>The root pinned for <paramref name="dnsName"/> by an earlier import, if any.</summary>
    public static string? PinnedRoot(string dnsName)
    {
        if (!Directory.Exists(ProfilesFolder)) return null;
        return Directory.EnumerateFiles(ProfilesFolder, "*.json")
            .Select(path => IdentityJson.Read<SignedServerProfile>(File.ReadAllText(path), path).Profile)
            .Where(p => string.Equals(p.Server.DnsName, dnsName, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Created)
            .Select(p => p.Trust.RootFingerprint)
            .FirstOrDefault();
    }

    /// <summary>Keeps the verified profile file and makes its server the default.</summary>
    public static ImportedServer Save(ServerProfile profile, string profileJson)
    {
        Directory.CreateDirectory(ProfilesFolder);
        File.WriteAllText(Path.Combine(ProfilesFolder, $"{profile.ProfileId}.json"), profileJson);
        var current = new ImportedServer(profile.Server.BaseUrl, profile.Server.DnsName, profile.Trust.RootFingerprint, profile.ProfileId);
        File.WriteAllText(CurrentPath, JsonSerializer.Serialize(current, Json));
        return current;
    }
}
