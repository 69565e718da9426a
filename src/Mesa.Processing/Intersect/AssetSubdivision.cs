using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Intersect;

/// <summary>
/// Cuts large polygonal assets into pieces of at most <see cref="MaxVertices"/> vertices by
/// halving their envelope, as ST_Subdivide does, so that work on a cell near an asset's boundary
/// is proportional to the piece, not to an asset of a million vertices.
/// </summary>
/// <remarks>
/// Both halves of a cut are clipped against the same line, so the cut edges they share carry the
/// same vertices and cancel when the pieces' areas are added.
/// </remarks>
public static class AssetSubdivision
{
    public const int MaxVertices = 1024;

    private const int MaxDepth = 24;

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
            Split(geometry, geometry.EnvelopeInternal, 0, pieces);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException)
        {
            return [geometry];
        }
        return pieces;
    }

    private static void Split(Geometry geometry, Envelope envelope, int depth, List<Geometry> pieces)
    {
        if (geometry.IsEmpty) return;
        if (geometry.NumPoints <= MaxVertices || depth >= MaxDepth)
        {
            pieces.Add(geometry);
            return;
        }
        var factory = geometry.Factory;
        Envelope first, second;
        if (envelope.Width >= envelope.Height)
        {
            var middle = envelope.MinX + envelope.Width / 2;
            first = new Envelope(envelope.MinX, middle, envelope.MinY, envelope.MaxY);
            second = new Envelope(middle, envelope.MaxX, envelope.MinY, envelope.MaxY);
        }
        else
        {
            var middle = envelope.MinY + envelope.Height / 2;
            first = new Envelope(envelope.MinX, envelope.MaxX, envelope.MinY, middle);
            second = new Envelope(envelope.MinX, envelope.MaxX, middle, envelope.MaxY);
        }
        foreach (var half in new[] { first, second })
        {
            var clipped = OverlayNGRobust.Overlay(geometry, factory.ToGeometry(half), SpatialFunction.Intersection);
            Split(Polygonal(clipped), half, depth + 1, pieces);
        }
    }

    // A cut can leave lines or points where the geometry only touches the cut; only areas matter.
    private static Geometry Polygonal(Geometry geometry) =>
        geometry is Polygon or MultiPolygon ? geometry : geometry.Factory.BuildGeometry(NetTopologySuite.Geometries.Utilities.PolygonExtracter.GetPolygons(geometry));
}
