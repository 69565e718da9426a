namespace Mesa.GeoParquet.Geo;

/// <summary>
/// The GeoParquet 1.1 native (GeoArrow) geometry encodings: nested lists of {x, y} structs,
/// one list level per nesting of the geometry type.
/// </summary>
public enum GeoArrowEncoding
{
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
}
