using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Cli.Workload.RealData;

/// <summary>Cuts source geometry to a lon/lat box the way each <see cref="RealDataShape"/> needs.</summary>
internal sealed class RegionCut(Envelope box, GeometryFactory factory)
{
    /// <summary>Line pieces are at most this many vertices, about a coastal survey stretch.</summary>
    public const int LinePieceVertices = 400;

    /// <summary>One point asset per this many coastline vertices.</summary>
    public const int PointEveryVertices = 500;

    private const double TileDegrees = 0.5;

    private readonly Geometry _box = factory.ToGeometry(box);

    /// <summary>
    /// The polygons of <paramref name="source"/> inside the box. A polygon wholly inside is kept exactly as the
    /// source has it, invalid or not, as a user's layer would be; one that crosses the edge is clipped (repaired
    /// first only when clipping cannot handle it as it is).
    /// </summary>
    public IEnumerable<Polygon> Areas(Geometry source) => Clip(source, box, _box);

    /// <summary>The polygons of <paramref name="source"/> clipped to each half-degree tile of the box, tile by tile from the south-west.</summary>
    public IEnumerable<Polygon> TiledAreas(Geometry source)
    {
        var parts = Areas(source).ToList();
        for (var south = box.MinY; south < box.MaxY; south += TileDegrees)
            for (var west = box.MinX; west < box.MaxX; west += TileDegrees)
            {
                var tile = new Envelope(west, Math.Min(west + TileDegrees, box.MaxX), south, Math.Min(south + TileDegrees, box.MaxY));
                var tileGeometry = factory.ToGeometry(tile);
                foreach (var part in parts)
                    foreach (var piece in Clip(part, tile, tileGeometry))
                        yield return piece;
            }
    }

    /// <summary>The rings of <paramref name="source"/> as lines inside the box, cut into pieces of at most <see cref="LinePieceVertices"/> vertices.</summary>
    public IEnumerable<LineString> Lines(Geometry source)
    {
        foreach (var ring in Rings(source))
        {
            if (!box.Intersects(ring.EnvelopeInternal)) continue;
            var inside = box.Contains(ring.EnvelopeInternal) ? ring : OverlayNGRobust.Overlay(ring, _box, SpatialFunction.Intersection);
            foreach (var line in LinearComponentExtracter.GetLines(inside).Cast<LineString>())
                for (var start = 0; start < line.NumPoints - 1; start += LinePieceVertices - 1)
                {
                    var end = Math.Min(start + LinePieceVertices, line.NumPoints);
                    yield return factory.CreateLineString(line.Coordinates[start..end]);
                }
        }
    }

    private LineString[] Rings(Geometry source) =>
        [.. PolygonExtracter.GetPolygons(source).Cast<Polygon>().SelectMany(p => new[] { (LineString)p.ExteriorRing }.Concat(p.InteriorRings))
            .Select(ring => factory.CreateLineString(ring.Coordinates))];

    private IEnumerable<Polygon> Clip(Geometry source, Envelope within, Geometry withinGeometry)
    {
        foreach (var polygon in PolygonExtracter.GetPolygons(source).Cast<Polygon>())
        {
            if (polygon.IsEmpty || !within.Intersects(polygon.EnvelopeInternal)) continue;
            if (within.Contains(polygon.EnvelopeInternal))
            {
                yield return polygon;
                continue;
            }
            foreach (var piece in PolygonExtracter.GetPolygons(ClipCrossing(polygon, withinGeometry)).Cast<Polygon>())
                if (!piece.IsEmpty) yield return piece;
        }
    }

    // Overlay clips its inputs to the box before noding, so even a sea with thousands of islands is cut quickly.
    // Validity is only checked for polygons overlay refuses: testing a whole sea is what costs minutes.
    private static Geometry ClipCrossing(Polygon polygon, Geometry box)
    {
        try
        {
            return OverlayNGRobust.Overlay(polygon, box, SpatialFunction.Intersection);
        }
        catch (TopologyException)
        {
            return OverlayNGRobust.Overlay(GeometryFixer.Fix(polygon), box, SpatialFunction.Intersection);
        }
    }
}
