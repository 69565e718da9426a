using Mesa.Processing.Geodesy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Mesa.Processing.Import;

/// <summary>
/// Turns an imported feature geometry (EPSG:4326) into the polygonal asset MESA stores: polygons as they
/// are (made valid when invalid), points and lines buffered 30 m in EPSG:3857 as MESA's import does.
/// </summary>
public static class AssetShape
{
    /// <summary>MESA's buffer for point and line assets, in EPSG:3857 metres.</summary>
    public const double PointLineBufferMetres = 30.0;

    /// <summary>The polygonal asset, or null when nothing polygonal remains (e.g. a polygon that collapses to a line when repaired).</summary>
    /// <param name="buffered">True when any point or line part was buffered.</param>
    public static Geometry? ToPolygonal(Geometry geometry, out bool buffered)
    {
        buffered = false;
        var parts = new List<Geometry>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part.IsEmpty) continue;
            if (part is Polygon)
            {
                parts.Add(part);
                continue;
            }
            if (part is GeometryCollection nested)
            {
                // GetGeometryN flattens Multi* but not a collection inside a collection.
                if (ToPolygonal(nested, out var nestedBuffered) is { } polygonal) parts.AddRange(PolygonExtracter.GetPolygons(polygonal));
                buffered |= nestedBuffered;
                continue;
            }
            parts.Add(BufferInMercator(part));
            buffered = true;
        }
        if (parts.Count == 0) return null;
        if (!buffered || parts.Count == 1)
            return MakeValidPolygonal(geometry is Polygon or MultiPolygon ? geometry : geometry.Factory.BuildGeometry(parts));
        // Buffers of neighbouring points or lines overlap; one asset is one valid polygonal shape. Union needs valid parts.
        var valid = parts.Select(MakeValidPolygonal).OfType<Geometry>().ToList();
        return valid.Count == 0 ? null : geometry.Factory.BuildGeometry(valid).Union();
    }

    private static Geometry BufferInMercator(Geometry lonLat) =>
        WebMercatorGeometry.ToLonLat(WebMercatorGeometry.ToMercator(lonLat).Buffer(PointLineBufferMetres));

    private static Geometry? MakeValidPolygonal(Geometry geometry)
    {
        if (geometry.IsValid) return geometry;
        var fixedGeometry = GeometryFixer.Fix(geometry);
        var polygons = PolygonExtracter.GetPolygons(fixedGeometry).Where(p => !p.IsEmpty).ToList();
        return polygons.Count == 0 ? null : geometry.Factory.BuildGeometry(polygons);
    }
}
