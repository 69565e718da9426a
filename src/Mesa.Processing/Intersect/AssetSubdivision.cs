using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Intersect;

/// <summary>
/// Cuts large polygonal assets into pieces of at most <see cref="MaxVertices"/> vertices by
/// cutting their envelope into a grid (cells that still hold too many vertices are cut again), much as
/// ST_Subdivide does by halving, so that work on a cell near an asset's boundary is proportional to
/// the piece, not to an asset of a million vertices.
/// </summary>
/// <remarks>
/// Neighbouring grid cells are clipped against the same line, so the cut edges they share carry the
/// same vertices and cancel when the pieces' areas are added.
/// </remarks>
public static class AssetSubdivision
{
    public const int MaxVertices = 1024;

    private const int MaxDepth = 24;

    /// <summary>At most this many grid cells per cut: each cell's overlay first clips the whole geometry to the cell.</summary>
    private const int MaxCellsPerCut = 16;

    /// <summary>
    /// The pieces of a polygonal geometry; the geometry itself when it is small, not polygonal, or
    /// cannot be cut (invalid input the overlay rejects), in which case the caller's exact path
    /// handles it whole.
    /// </summary>
    public static IReadOnlyList<Geometry> Pieces(Geometry geometry)
    {
        if (geometry.NumPoints <= MaxVertices || geometry.Dimension != Dimension.Surface) return [geometry];
        var pieces = new List<Geometry>();
        try
        {
            Split(geometry, geometry.EnvelopeInternal, 0, geometry is Polygon, pieces);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException)
        {
            return [geometry];
        }
        return pieces;
    }

    private static void Split(Geometry geometry, Envelope envelope, int depth, bool onePolygon, List<Geometry> pieces)
    {
        if (geometry.IsEmpty) return;
        if (geometry.NumPoints <= MaxVertices || depth >= MaxDepth)
        {
            pieces.Add(geometry);
            return;
        }
        var factory = geometry.Factory;
        var (columns, rows) = Grid(geometry.NumPoints, envelope);
        // Each cut line is computed once, so neighbouring cells are clipped against exactly the same line.
        var xs = Cuts(envelope.MinX, envelope.MaxX, columns);
        var ys = Cuts(envelope.MinY, envelope.MaxY, rows);
        for (var column = 0; column < columns; column++)
        {
            for (var row = 0; row < rows; row++)
            {
                var cell = new Envelope(xs[column], xs[column + 1], ys[row], ys[row + 1]);
                Split(onePolygon ? Clip(geometry, cell, factory) : Overlay(geometry, cell, factory), cell, depth + 1, onePolygon, pieces);
            }
        }
    }

    // Enough grid cells for the vertices to fit if they were spread evenly, shaped like the envelope, and at least a
    // halving: every overlay nodes all of the geometry's edges inside its cell, so a single grid level costs about
    // what one level of halving does, and a 40,000-vertex coastline needs one or two levels instead of six.
    private static (int Columns, int Rows) Grid(int vertices, Envelope envelope)
    {
        var cells = Math.Clamp((vertices + MaxVertices - 1) / MaxVertices, 2, MaxCellsPerCut);
        var aspect = envelope.Height > 0 ? envelope.Width / envelope.Height : double.MaxValue;
        var columns = (int)Math.Clamp(Math.Round(Math.Sqrt(cells * aspect)), 1, cells);
        var rows = Math.Max(1, (int)Math.Round((double)cells / columns));
        if (columns * rows < 2)
        {
            if (envelope.Width >= envelope.Height) columns = 2;
            else rows = 2;
        }
        return (columns, rows);
    }

    private static double[] Cuts(double min, double max, int parts)
    {
        var cuts = new double[parts + 1];
        for (var i = 0; i < parts; i++) cuts[i] = min + (max - min) * i / parts;
        cuts[parts] = max;
        return cuts;
    }

    /// <summary>
    /// The polygonal part inside <paramref name="half"/> of one polygon or of pieces cut from one polygon. Holes
    /// strictly inside the half cannot be cut, so they stay out of the overlay and go back into the result polygon
    /// that encloses them: real seas hold thousands of islands, and the overlay would otherwise assign every one of
    /// them to a shell again at every level of the subdivision. (Parts of a multipolygon may lie in each other's
    /// holes, so a hole's point could fall in the wrong part: those go through the plain overlay.)
    /// </summary>
    private static Geometry Clip(Geometry geometry, Envelope half, GeometryFactory factory)
    {
        var polygons = PolygonExtracter.GetPolygons(geometry);
        var cut = new List<Geometry>(polygons.Count);
        var uncut = new List<LinearRing>();
        foreach (Polygon polygon in polygons)
        {
            if (!half.Intersects(polygon.EnvelopeInternal)) continue;
            var holes = new List<LinearRing>();
            foreach (var hole in polygon.Holes)
            {
                var bounds = hole.EnvelopeInternal;
                if (!half.Intersects(bounds)) continue;
                if (bounds.MinX > half.MinX && bounds.MaxX < half.MaxX && bounds.MinY > half.MinY && bounds.MaxY < half.MaxY) uncut.Add(hole);
                else holes.Add(hole);
            }
            cut.Add(holes.Count == polygon.NumInteriorRings ? polygon : factory.CreatePolygon(polygon.Shell, holes.ToArray()));
        }
        if (cut.Count == 0) return factory.CreatePolygon();
        var clipped = Overlay(factory.BuildGeometry(cut), half, factory);
        return uncut.Count == 0 ? clipped : WithHoles(clipped, uncut, factory) ?? Overlay(geometry, half, factory);
    }

    private static Geometry Overlay(Geometry geometry, Envelope half, GeometryFactory factory) =>
        Polygonal(OverlayNGRobust.Overlay(geometry, factory.ToGeometry(half), SpatialFunction.Intersection));

    // Each hole goes into the one polygon whose area holds a point inside the hole; null when none does (not
    // expected for valid input), and the caller overlays the whole geometry instead.
    private static Geometry? WithHoles(Geometry clipped, List<LinearRing> holes, GeometryFactory factory)
    {
        var polygons = PolygonExtracter.GetPolygons(clipped).Cast<Polygon>().ToList();
        var locators = new IndexedPointInAreaLocator?[polygons.Count];
        var added = polygons.Select(_ => new List<LinearRing>()).ToList();
        foreach (var hole in holes)
        {
            var inside = InteriorPointArea.GetInteriorPoint(factory.CreatePolygon(hole));
            if (inside is null) return null;
            var owner = -1;
            for (var i = 0; i < polygons.Count && owner < 0; i++)
            {
                if (!polygons[i].EnvelopeInternal.Contains(inside)) continue;
                locators[i] ??= new IndexedPointInAreaLocator(polygons[i]);
                if (locators[i]!.Locate(inside) == Location.Interior) owner = i;
            }
            if (owner < 0) return null;
            added[owner].Add(hole);
        }
        var rebuilt = polygons.Select((p, i) => added[i].Count == 0 ? p : factory.CreatePolygon(p.Shell, [.. p.Holes, .. added[i]])).ToArray();
        return rebuilt.Length == 1 ? rebuilt[0] : factory.CreateMultiPolygon(rebuilt);
    }

    // A cut can leave lines or points where the geometry only touches the cut; only areas matter.
    private static Geometry Polygonal(Geometry geometry) =>
        geometry is Polygon or MultiPolygon ? geometry : geometry.Factory.BuildGeometry(PolygonExtracter.GetPolygons(geometry));
}
