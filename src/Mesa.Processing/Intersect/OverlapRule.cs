using Mesa.Processing.Geodesy;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Intersect;

/// <summary>
/// The intersect stage's pair rule (spec section 4): an asset that is exactly a Point overlaps a
/// cell that contains it; any other asset overlaps a cell it intersects with an intersection of at
/// least 1 m^2 in EPSG:3857 (intersection computed in lon/lat, then projected).
/// </summary>
/// <remarks>
/// Exact overlay is the expensive part, so it runs only when nothing cheaper decides. The
/// asset's area is the sum of its pieces (<see cref="AssetSubdivision"/>). A piece whose
/// boundary does not reach the cell holds the cell wholly (the intersection is the
/// cell itself) or not at all, and one point decides which. Near a piece's boundary, a convex
/// cell measures the intersection from the piece's boundary near it, or by clipping the piece's
/// rings when that boundary touches a cell edge exactly (<see cref="ConvexCell"/>). Other cell shapes, invalid
/// assets and verdicts within rounding of the threshold go through the general overlay of cell
/// and whole asset.
/// </remarks>
public static class OverlapRule
{
    /// <summary>The spec's minimum intersection area, m^2 in EPSG:3857.</summary>
    public const double MinimumAreaM2 = 1.0;

    // Clipping and overlay round intersection points differently; verdicts this close to the threshold go to the overlay.
    private const double ClipTolerance = 1e-9;

    /// <param name="cell">The cell in EPSG:4326.</param>
    /// <param name="convexCell">The cell as a convex clipper, when it is one.</param>
    /// <param name="cellAreaWebMercator">The cell's EPSG:3857 area: the intersection area when the asset covers the cell.</param>
    /// <param name="asset">The asset.</param>
    /// <param name="pieces">The asset's pieces whose envelopes meet the cell's, in piece order.</param>
    /// <param name="failure">Why the pair was kept unevaluated, else null.</param>
    public static OverlapVerdict Evaluate(GeocodeObject cell, ConvexCell? convexCell, double cellAreaWebMercator, StackedAsset asset, ReadOnlySpan<AssetPiece> pieces, out string? failure)
    {
        failure = null;
        if (asset.IsPoint) return cell.Geometry.Contains(asset.Geometry) ? OverlapVerdict.Overlaps : OverlapVerdict.Apart;
        if (!MeasuredByPieces(cell, cellAreaWebMercator, asset)) return OverlapVerdict.Apart;
        var envelope = cell.Envelope;
        double clipped = 0;
        foreach (var piece in pieces)
        {
            var outline = piece.Outline;
            if (!outline.BoundaryMayCross(envelope, convexCell))
            {
                var (x, y) = cell.FirstVertex();
                if (outline.Contains(x, y)) return Verdict(cellAreaWebMercator);
                continue;
            }
            if (convexCell is null || !outline.IsValid) return ExactVerdict(cell.Geometry, asset.Geometry, out failure);
            clipped += convexCell.IntersectionAreaWebMercator(outline, envelope) ?? convexCell.IntersectionAreaWebMercator(piece.Geometry);
        }
        return Math.Abs(clipped - MinimumAreaM2) > ClipTolerance * MinimumAreaM2 ? Verdict(clipped) : ExactVerdict(cell.Geometry, asset.Geometry, out failure);
    }

    /// <summary>
    /// Whether the verdict depends on the asset's pieces: true for an area asset and a cell of at least 1 m^2.
    /// Then a cell that no piece's boundary reaches overlaps the asset exactly when some piece holds the
    /// cell's first vertex, and is apart otherwise.
    /// </summary>
    public static bool MeasuredByPieces(GeocodeObject cell, double cellAreaWebMercator, StackedAsset asset) =>
        // Lines and multipoints have no area, so their intersection with a cell has none either; the
        // intersection lies inside the cell, so a cell under 1 m^2 can never pass.
        asset.IsArea && !cell.IsEmpty && cellAreaWebMercator >= MinimumAreaM2;

    private static OverlapVerdict ExactVerdict(Geometry cell, Geometry asset, out string? failure)
    {
        failure = null;
        try
        {
            return Verdict(WebMercator.Area(OverlayNGRobust.Overlay(cell, asset, SpatialFunction.Intersection)));
        }
        catch (Exception first) when (first is TopologyException or ArgumentException or InvalidOperationException)
        {
            try
            {
                // Invalid input (self-intersections, bow-ties): repair both, as make-valid does, and try once more.
                return Verdict(WebMercator.Area(OverlayNGRobust.Overlay(GeometryFixer.Fix(cell), GeometryFixer.Fix(asset), SpatialFunction.Intersection)));
            }
            catch (Exception second) when (second is TopologyException or ArgumentException or InvalidOperationException)
            {
                failure = second.Message;
                return OverlapVerdict.KeptUnevaluated;
            }
        }
    }

    private static OverlapVerdict Verdict(double intersectionAreaWebMercator) =>
        intersectionAreaWebMercator >= MinimumAreaM2 ? OverlapVerdict.Overlaps : OverlapVerdict.Apart;
}
