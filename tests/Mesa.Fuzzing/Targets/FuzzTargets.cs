using Mesa.Fuzzing.Harness;

namespace Mesa.Fuzzing.Targets;

/// <summary>Every parser the harness covers, by name.</summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Func<FuzzTarget>> Factories = new(StringComparer.Ordinal)
    {
        ["wkb"] = () => new WkbTarget(),
        ["gpkg-blob"] = () => new GeoPackageBlobTarget(),
        ["gpkg"] = () => new GeoPackageTarget(),
        ["settings.xlsx"] = () => new SettingsWorkbookTarget(),
        ["config.ini"] = () => new ConfigIniTarget(),
        ["upload-zip"] = () => new UploadZipTarget(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static FuzzTarget Create(string name) =>
        Factories.TryGetValue(name, out var create) ? create() : throw new ArgumentException($"no fuzz target '{name}'; targets: {string.Join(", ", Names)}");
}
