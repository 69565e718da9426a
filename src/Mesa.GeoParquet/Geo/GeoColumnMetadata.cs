namespace Mesa.GeoParquet.Geo;

/// <summary>What the GeoParquet "geo" metadata says about one geometry column.</summary>
public sealed record GeoColumnMetadata(
    string Name,
    string Encoding,
    IReadOnlyList<string> GeometryTypes,
    double[]? Bbox,
    string? CrsCode,
    string? CrsJson)
{
    /// <summary>True when the CRS is WGS84 longitude/latitude: EPSG:4326, OGC:CRS84, or omitted (which means OGC:CRS84).</summary>
    public bool IsWgs84 => CrsCode is "EPSG:4326" or "OGC:CRS84";

}
