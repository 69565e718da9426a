using System.Text.Json;

namespace Mesa.Cli.Doctor;

/// <summary>
/// <c>build-manifest.json</c> at the top of a release folder: the release's version, when it was published and every
/// other file in it with its size and SHA-256, so an installed release can be checked against what was built.
/// </summary>
internal sealed record BuildManifest(string Version, DateTimeOffset Created, IReadOnlyList<ManifestFile> Files)
{
    public const string FileName = "build-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Every file under <paramref name="releaseFolder"/> but the manifest itself, in ordinal path order.</summary>
    public static IEnumerable<string> ReleaseFiles(string releaseFolder) =>
        Directory.EnumerateFiles(releaseFolder, "*", SearchOption.AllDirectories)
            .Where(file => ManifestFile.RelativePath(releaseFolder, file) != FileName)
            .Order(StringComparer.Ordinal);

    public static BuildManifest Create(string releaseFolder, string version) =>
        new(version, DateTimeOffset.UtcNow, [.. ReleaseFiles(releaseFolder).Select(file => ManifestFile.Of(releaseFolder, file))]);

    public static string PathIn(string releaseFolder) => Path.Combine(releaseFolder, FileName);

    /// <exception cref="IOException">The manifest is missing or unreadable.</exception>
    public static BuildManifest Read(string releaseFolder)
    {
        var path = PathIn(releaseFolder);
        if (!File.Exists(path)) throw new IOException($"No {FileName} in {releaseFolder}: not a published release, or its manifest was removed.");
        try
        {
            return JsonSerializer.Deserialize<BuildManifest>(File.ReadAllText(path), Json)
                ?? throw new IOException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path} is not a build manifest: {e.Message}");
        }
    }

    public void Write(string releaseFolder) => File.WriteAllText(PathIn(releaseFolder), JsonSerializer.Serialize(this, Json) + "\n");
}
