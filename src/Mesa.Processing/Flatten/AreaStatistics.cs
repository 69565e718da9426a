using System.Text.Json;
using Mesa.Processing.Geodesy;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Flatten;

/// <summary>
/// output/area_stats.json (spec section 7): geodesic km^2 of the basic mosaic's tbl_flat cells
/// per <c>sensitivity_code_max</c>, A..E.
/// </summary>
public sealed class AreaStatistics
{
    private static readonly string[] Labels = ["A", "B", "C", "D", "E"];
    private readonly double[] _km2 = new double[Labels.Length];

    /// <summary>Adds one tbl_flat cell (each code once); codes other than A..E are not counted.</summary>
    public void Add(string? sensitivityCodeMax, Geometry cell)
    {
        var letter = Array.IndexOf(Labels, sensitivityCodeMax);
        if (letter >= 0) _km2[letter] += GeodesicArea.AreaKm2(cell);
    }

    public IReadOnlyList<double> ValuesKm2 => _km2;

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(new { labels = Labels, values = _km2 }));
    }
}
