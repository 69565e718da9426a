using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Mesa.Cli.Workload.RealData;

/// <summary>
/// One of the <c>@geo-maps</c> npm packages the real-data workloads are cut from: its <c>map.geo.json</c> is either a
/// FeatureCollection (countries, with properties) or a GeometryCollection (seas).
/// </summary>
internal sealed record RealDataSource(string Package)
{
    public static readonly RealDataSource CountriesLand = new("countries-land-10m");
    public static readonly RealDataSource CountriesMaritime = new("countries-maritime-10m");
    public static readonly RealDataSource EarthSeas = new("earth-seas-10m");
    public static readonly RealDataSource CountriesCoastline = new("countries-coastline-1m");

    public static readonly IReadOnlyList<RealDataSource> All = [CountriesLand, CountriesMaritime, EarthSeas, CountriesCoastline];

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>The package's map file under <paramref name="sourcesFolder"/> (a node_modules/@geo-maps folder).</summary>
    public string PathIn(string sourcesFolder) => Path.Combine(sourcesFolder, Package, "map.geo.json");

    /// <summary>Every geometry in the file, in file order, with its properties (none for a GeometryCollection).</summary>
    /// <exception cref="IOException">The file is missing or unreadable.</exception>
    /// <exception cref="JsonException">The file is not GeoJSON.</exception>
    public IReadOnlyList<IFeature> Read(string sourcesFolder)
    {
        var path = PathIn(sourcesFolder);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: not found; install the npm package @geo-maps/{Package} into the sources folder.");
        using var stream = File.OpenRead(path);
        if (IsFeatureCollection(stream))
            return [.. JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson) ?? []];
        var geometry = JsonSerializer.Deserialize<Geometry>(stream, GeoJson) ?? throw new JsonException($"{path}: empty GeoJSON.");
        return [.. Enumerable.Range(0, geometry.NumGeometries).Select(i => (IFeature)new Feature(geometry.GetGeometryN(i), null))];
    }

    // The packages write the collection's type first; peeking at it spares parsing a file of 100+ MB twice.
    private static bool IsFeatureCollection(Stream stream)
    {
        var head = new byte[256];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return System.Text.Encoding.UTF8.GetString(head, 0, read).Contains("\"FeatureCollection\"", StringComparison.Ordinal);
    }
}
