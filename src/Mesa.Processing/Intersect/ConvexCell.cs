using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;
using Mesa.Processing.Geodesy;

namespace Mesa.Processing.Intersect;

/// <summary>
/// A cell that is a single convex polygon without holes (every hexagon, square and QDGC cell):
/// its intersection area with an asset can be found by clipping each asset ring against the
/// cell's edges (Sutherland-Hodgman), far cheaper than a general overlay.
/// </summary>
/// <remarks>
/// The clipped ring may contain zero-width bridges along the cell boundary where the asset
/// leaves and re-enters; they enclose no area, so the ring's area is still the intersection's.
/// Intersection points are computed in lon/lat and only then projected, as the rule requires.
/// </remarks>
public sealed class ConvexCell
{
    // Counter-clockwise vertices, not closed.
    private readonly double[] _x;
    private readonly double[] _y;

    private ConvexCell(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>The cell as a convex clipper, or null when it is not a single convex hole-free polygon.</summary>
    public static ConvexCell? TryCreate(Geometry cell)
    {
        if (cell is not Polygon { NumInteriorRings: 0, IsEmpty: false } polygon) return null;
        var ring = polygon.ExteriorRing.CoordinateSequence;
        var n = ring.Count - 1;
        if (n < 3) return null;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = ring.GetX(i);
            y[i] = ring.GetY(i);
        }
        var sign = 0;
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            var k = (i + 2) % n;
            var turn = Math.Sign((x[j] - x[i]) * (y[k] - y[j]) - (y[j] - y[i]) * (x[k] - x[j]));
            if (turn == 0) continue;
            if (sign != 0 && turn != sign) return null;
            sign = turn;
        }
        if (sign == 0) return null;
        if (sign < 0)
        {
            Array.Reverse(x);
            Array.Reverse(y);
        }
        return new ConvexCell(x, y);
    }

    /// <summary>
    /// EPSG:3857 area of the cell's intersection with a valid polygonal asset: per polygon, the
    /// clipped shell minus the clipped holes.
    /// </summary>
    public double IntersectionAreaWebMercator(Geometry polygonal)
    {
        switch (polygonal)
        {
            case Polygon polygon:
                var area = ClippedRingArea(polygon.ExteriorRing.CoordinateSequence);
                if (area == 0) return 0;
                foreach (var hole in polygon.InteriorRings) area -= ClippedRingArea(hole.CoordinateSequence);
                return area;
            case GeometryCollection collection:
                double sum = 0;
                for (var i = 0; i < collection.NumGeometries; i++) sum += IntersectionAreaWebMercator(collection.GetGeometryN(i));
                return sum;
            default:
                return 0;
        }
    }

    private double ClippedRingArea(CoordinateSequence ring)
    {
        var count = ring.Count - 1;
        if (count < 3) return 0;
        var input = new List<double>(2 * count);
        for (var i = 0; i < count; i++)
        {
            input.Add(ring.GetX(i));
            input.Add(ring.GetY(i));
        }
        var output = new List<double>(2 * count);
        var n = _x.Length;
        for (var edge = 0; edge < n && input.Count >= 6; edge++)
        {
            double ax = _x[edge], ay = _y[edge];
            double bx = _x[(edge + 1) % n] - ax, by = _y[(edge + 1) % n] - ay;
            output.Clear();
            var points = input.Count / 2;
            double sx = input[^2], sy = input[^1];
            var sSide = bx * (sy - ay) - by * (sx - ax);
            for (var p = 0; p < points; p++)
            {
                double ex = input[2 * p], ey = input[2 * p + 1];
                var eSide = bx * (ey - ay) - by * (ex - ax);
                if (eSide >= 0)
                {
                    if (sSide < 0) AddCrossing(output, sx, sy, sSide, ex, ey, eSide);
                    output.Add(ex);
                    output.Add(ey);
                }
                else if (sSide >= 0)
                {
                    AddCrossing(output, sx, sy, sSide, ex, ey, eSide);
                }
                (sx, sy, sSide) = (ex, ey, eSide);
            }
            (input, output) = (output, input);
        }
        if (input.Count < 6) return 0;
        input.Add(input[0]);
        input.Add(input[1]);
        return WebMercator.RingArea(new PackedDoubleCoordinateSequence(input.ToArray(), 2, 0));
    }

    // Where segment s-e crosses the clip line; sides are the signed distances (scaled) of s and e.
    private static void AddCrossing(List<double> output, double sx, double sy, double sSide, double ex, double ey, double eSide)
    {
        var t = sSide / (sSide - eSide);
        output.Add(sx + t * (ex - sx));
        output.Add(sy + t * (ey - sy));
    }
}
