using System.Text.Json;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>
/// Parquet files written once per test run by tools/interop/duckdb-write-fixtures.mjs into a temp
/// directory: for each fixture NAME there is NAME.parquet and NAME.expected.jsonl (rows in
/// canonical form, see <see cref="Mesa.GeoParquet.Columns.ValueText"/>). <see cref="Manifest"/> is the script's JSON:
/// per fixture its codecs, encodings, page types, row groups and row count.
/// </summary>
public sealed class DuckDbFixtures : IDisposable
{
    public DuckDbFixtures()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"mesa-interop-{Guid.NewGuid():N}");
        Manifest = NodeInterop.RunJson("duckdb-write-fixtures.mjs", Directory);
        Fixtures = Manifest.GetProperty("fixtures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f, StringComparer.Ordinal);
    }

    public string Directory { get; }

    public JsonElement Manifest { get; }

    /// <summary>Manifest entry per fixture name, e.g. "types_v1", "codec_brotli", "geo_wkb_kv".</summary>
    public IReadOnlyDictionary<string, JsonElement> Fixtures { get; }

    public IEnumerable<string> Names => Fixtures.Keys;

    public string ParquetPath(string name) => Path.Combine(Directory, Fixtures[name].GetProperty("file").GetString()!);

    public string ExpectedPath(string name) => Path.Combine(Directory, Fixtures[name].GetProperty("expected").GetString()!);

    public List<Dictionary<string, string?>> Expected(string name) => NodeInterop.ReadJsonLinesFile(ExpectedPath(name));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the run over it is not.
        }
    }
}
