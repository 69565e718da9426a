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

    /// <summary>
    /// True when <see cref="Reading.ParquetReader"/> delivers the column as WKB: stored as WKB, or in a
    /// GeoArrow encoding that the reader turns into WKB.
    /// </summary>
    public bool ReadsAsWkb => Encoding.Equals("WKB", StringComparison.OrdinalIgnoreCase) || GeoArrowEncodingNames.TryParse(Encoding) is not null;
}
