using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesa.Processing.Pipeline;

/// <summary>
/// manifest.json (spec section 9): every output file with its size and SHA-256, the job id, the
/// server version and the stage timings, so a client can check a download is complete.
/// </summary>
/// <param name="MesaVersion">The <c>mesa_version</c> the workload's config.ini names; null when it names none.</param>
public sealed record Manifest(
    string? JobId,
    string ServerVersion,
    string? MesaVersion,
    string Engine,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<StageTiming> Stages,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<string> NotComputed)
{
    /// <summary>MESA stages after Process that this server does not run; listed so nobody mistakes their absence for empty results.</summary>
    public static IReadOnlyList<string> StagesNotComputed { get; } = ["classification", "lines", "analysis"];


    public static string CurrentServerVersion { get; } =
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Lists <paramref name="relativePaths"/> (those that exist) with size and hash, hashing on all cores.</summary>
    public static IReadOnlyList<ManifestFile> Describe(string folder, IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.Where(p => File.Exists(OutputFiles.PathIn(folder, p))).Order(StringComparer.Ordinal).ToArray();
        var files = new ManifestFile[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            using var stream = File.OpenRead(OutputFiles.PathIn(folder, paths[i]));
            files[i] = new ManifestFile(paths[i], stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
        });
        return files;
    }

    /// <summary>
    /// This manifest after an output stage rewrote <paramref name="folder"/>: the stage's new files replace every
    /// file listed before under <paramref name="stageFolder"/>, and its timing replaces any earlier one.
    /// </summary>
    public Manifest WithStageOutput(string folder, string stageFolder, IEnumerable<string> stageFiles, StageTiming timing, DateTimeOffset finished)
    {
        var files = Files.Where(f => !f.Path.StartsWith($"{stageFolder}/", StringComparison.Ordinal))
            .Concat(Describe(folder, stageFiles))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var stages = Stages.Where(s => s.Stage != timing.Stage).Append(timing).ToList();
        return this with { Files = files, Stages = stages, Finished = finished };
    }

    public string ToJson() => JsonSerializer.Serialize(this, ManifestJson.Default.Manifest);

    public static Manifest FromJson(string json) =>
        JsonSerializer.Deserialize(json, ManifestJson.Default.Manifest) ?? throw new JsonException("manifest.json is empty.");

    public void Write(string folder) => File.WriteAllText(OutputFiles.PathIn(folder, OutputFiles.Manifest), ToJson());
}
