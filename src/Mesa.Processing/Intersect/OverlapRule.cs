using Mesa.Processing.Geodesy;
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
/// Exact overlay is the expensive part, so it runs only for cells the asset's boundary comes
/// near: a cell whose envelope no boundary edge reaches lies wholly inside the asset (the
/// intersection is the cell itself) or wholly outside it, and one point decides which. Near a
/// boundary, a convex cell clips a valid asset's rings directly (<see cref="ConvexCell"/>);
/// only other shapes and invalid assets go through the general overlay.
/// </remarks>
public static class OverlapRule
{
    /// <summary>The spec's minimum intersection area, m^2 in EPSG:3857.</summary>
    public const double MinimumAreaM2 = 1.0;

    private const double ClipTolerance = 1e-9;

    /// <param name="cell">The cell in EPSG:4326.</param>
    /// <param name="convexCell">The cell as a convex clipper, when it is one.</param>
    /// <param name="cellAreaWebMercator">The cell's EPSG:3857 area: the intersection area when the asset covers the cell.</param>
    /// <param name="failure">Why the pair was kept unevaluated, else null.</param>
    public static OverlapVerdict Evaluate(Geometry cell, ConvexCell? convexCell, double cellAreaWebMercator, StackedAsset asset, out string? failure)
    {
        failure = null;
        if (asset.IsPoint) return cell.Contains(asset.Geometry) ? OverlapVerdict.Overlaps : OverlapVerdict.Apart;
        // Lines and multipoints have no area, so their intersection with a cell has none either.
        if (asset.Geometry.IsEmpty || cell.IsEmpty || asset.Geometry.Dimension != Dimension.Surface) return OverlapVerdict.Apart;
        // The intersection lies inside the cell, so a cell under 1 m^2 can never pass.
        if (cellAreaWebMercator < MinimumAreaM2) return OverlapVerdict.Apart;
        var outline = asset.Outline;
        if (!outline.BoundaryMayCross(cell.EnvelopeInternal))
        {
            var vertex = cell.Coordinate;
            return outline.Contains(vertex.X, vertex.Y) ? Verdict(cellAreaWebMercator) : OverlapVerdict.Apart;
        }
        if (convexCell is not null && outline.IsValid)
        {
            var clipped = convexCell.IntersectionAreaWebMercator(asset.Geometry);
            // Clipping and overlay round intersection points differently; a verdict that close to the threshold goes to the overlay.
            if (Math.Abs(clipped - MinimumAreaM2) > ClipTolerance * MinimumAreaM2) return Verdict(clipped);
        }
        return ExactVerdict(cell, asset.Geometry, out failure);
    }

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
