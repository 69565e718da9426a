namespace Mesa.GeoParquet.Geo;

/// <summary>The "encoding" names GeoParquet 1.1 gives the GeoArrow encodings, and their list depth.</summary>
public static class GeoArrowEncodingNames
{
    /// <summary>The encoding named by a "geo" column entry, or null for WKB or an unknown name.</summary>
    public static GeoArrowEncoding? TryParse(string name) => name.ToLowerInvariant() switch
    {
        "point" => GeoArrowEncoding.Point,
        "linestring" => GeoArrowEncoding.LineString,
        "polygon" => GeoArrowEncoding.Polygon,
        "multipoint" => GeoArrowEncoding.MultiPoint,
        "multilinestring" => GeoArrowEncoding.MultiLineString,
        "multipolygon" => GeoArrowEncoding.MultiPolygon,
        _ => null,
    };

    /// <summary>Lowercase name as written in the "geo" metadata.</summary>
    public static string Of(GeoArrowEncoding encoding) => encoding.ToString().ToLowerInvariant();

    /// <summary>Number of list levels between a row and its coordinates.</summary>
    public static int ListDepth(GeoArrowEncoding encoding) => encoding switch
    {
        GeoArrowEncoding.Point => 0,
        GeoArrowEncoding.LineString or GeoArrowEncoding.MultiPoint => 1,
        GeoArrowEncoding.Polygon or GeoArrowEncoding.MultiLineString => 2,
        _ => 3,
    };
}
