using Mesa.Processing.Geodesy;
using Mesa.Processing.Intersect;
using NetTopologySuite.Geometries;

namespace Mesa.Gpu;

/// <summary>
/// One cell as the kernels read it, a record of <see cref="Stride"/> doubles: its envelope, first vertex and
/// magnitude (broad phase and classification), then, for a convex cell of at most <see cref="MaxVertices"/>
/// vertices, what the overlap area needs: the counter-clockwise vertices of the cell shrunk by a hair (see below)
/// in lon/lat and in EPSG:3857, a Taylor polynomial of the projection's y over the cell's latitudes, and the error
/// bounds of <see cref="ConvexOverlapArea"/>.
/// </summary>
/// <remarks>
/// Asset vertices often lie exactly on cell edges or corners (pieces cut along grid lines, QDGC cells on round
/// degrees), where no side test can be trusted. The device therefore measures the cell with each edge moved inwards
/// by <see cref="Shift"/> degrees, far above the side tests' rounding, so such vertices keep clear of it; the overlap with the true cell is larger by at most the band between the two, whose EPSG:3857
/// area (the perimeter times the shift, in metres at the cell's steepest scale, doubled) joins the bound.
/// </remarks>
internal static class CellRecord
{
    public const int MaxVertices = 8;

    /// <summary>Terms of the Taylor polynomial of EPSG:3857 y in the latitude (radians) about the first vertex's.</summary>
    public const int TaylorTerms = 7;

    public const int MinX = 0, MinY = 1, MaxX = 2, MaxY = 3, VertexX = 4, VertexY = 5, Magnitude = 6;
    public const int VertexCount = 7, OriginLon = 8, OriginLat = 9;
    public const int Lons = 10, Lats = Lons + MaxVertices, ProjectedXs = Lats + MaxVertices, ProjectedYs = ProjectedXs + MaxVertices;
    public const int Taylor = ProjectedYs + MaxVertices;
    public const int PointError = Taylor + TaylorTerms, Reach = PointError + 1, EdgeErrors = Reach + 1, MetresPerDegree = EdgeErrors + MaxVertices;
    public const int Band = MetresPerDegree + 1;
    public const int Stride = Band + 1;

    /// <summary>EPSG:3857 metres per degree of longitude.</summary>
    public const double MetresPerDegreeOfLongitude = WebMercator.Radius * (Math.PI / 180);

    // Allowance for rounding in one projected coordinate (device and cpu engine alike), metres: the rounding
    // itself is below 1e-7 m (a few ulps of coordinates under 2e7 m).
    private const double RoundingAllowance = 1e-6;

    /// <summary>
    /// Degrees each edge of a measured cell moves inwards: hundreds of times a coordinate's rounding (2.8e-14 at 180
    /// degrees), and more than <see cref="ConvexOverlapArea"/>'s clearance from corners.
    /// </summary>
    public const double Shift = 1e-11;

    // The Taylor remainder bound needs the expansion radius well inside the distance to the pole.
    private const double MaxRadiusRatio = 0.25;

    /// <summary>Writes the cell's record; false when its envelope is not finite (then the cpu engine must find its pieces).</summary>
    public static bool Write(Geometry cell, Span<double> record)
    {
        record.Clear();
        if (cell.IsEmpty)
        {
            MarkEmpty(record);
            return true;
        }
        var envelope = cell.EnvelopeInternal;
        if (!double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxX) || !double.IsFinite(envelope.MaxY))
        {
            MarkEmpty(record);
            return false;
        }
        var vertex = cell.Coordinate;
        record[MinX] = envelope.MinX;
        record[MinY] = envelope.MinY;
        record[MaxX] = envelope.MaxX;
        record[MaxY] = envelope.MaxY;
        record[VertexX] = vertex.X;
        record[VertexY] = vertex.Y;
        record[Magnitude] = Math.Max(Math.Max(Math.Abs(envelope.MinX), Math.Abs(envelope.MaxX)), Math.Max(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY)));
        if (ConvexCell.TryCreate(cell) is { } convex) WriteConvex(convex, record);
        return true;
    }

    // min > max: the kernels find no pair for this cell.
    private static void MarkEmpty(Span<double> record) => (record[MinX], record[MaxX], record[MinY], record[MaxY]) = (1, 0, 1, 0);

    private static void WriteConvex(ConvexCell convex, Span<double> record)
    {
        var n = convex.Longitudes.Length;
        if (n > MaxVertices) return;
        const double radians = Math.PI / 180;
        Span<double> lons = stackalloc double[n];
        Span<double> lats = stackalloc double[n];
        if (!TryShrink(convex.Longitudes, convex.Latitudes, lons, lats, out var shift)) return;
        var origin = lats[0] * radians;
        var toPole = Math.PI / 2 - Math.Abs(origin);
        double radius = 0, maxAbsLat = 0;
        for (var k = 0; k < n; k++)
        {
            radius = Math.Max(radius, Math.Abs(lats[k] - lats[0]) * radians);
            maxAbsLat = Math.Max(maxAbsLat, Math.Abs(convex.Latitudes[k]) * radians);
        }
        // Points computed in the cell may stray from it by rounding: a hair more radius covers them.
        radius = radius * (1 + 1e-9) + 1e-15;
        var ratio = 2 * radius / toPole;
        if (!(ratio <= MaxRadiusRatio)) return;
        var metresPerDegree = MetresPerDegreeOfLongitude / Math.Cos(Math.Min(maxAbsLat + radius, Math.PI / 2 - toPole / 2));
        var (originX, originY) = WebMercator.Forward(lons[0], lats[0]);
        Span<double> xs = stackalloc double[n];
        Span<double> ys = stackalloc double[n];
        for (var k = 0; k < n; k++)
        {
            var (x, y) = WebMercator.Forward(lons[k], lats[k]);
            (xs[k], ys[k]) = (x - originX, y - originY);
        }
        double reachX = 0, reachY = 0, perimeter = 0;
        for (var k = 0; k < n; k++)
        {
            var next = (k + 1) % n;
            reachX = Math.Max(reachX, Math.Abs(xs[k]));
            reachY = Math.Max(reachY, Math.Abs(ys[k]));
            perimeter += Math.Abs(convex.ProjectedX[next] - convex.ProjectedX[k]) + Math.Abs(convex.ProjectedY[next] - convex.ProjectedY[k]);
            var latitudeStep = Math.Abs(lats[next] - lats[k]) * radians;
            var steepest = Math.Max(Math.Abs(lats[k]), Math.Abs(lats[next])) * radians;
            var curvature = WebMercator.Radius * Math.Tan(steepest) / Math.Cos(steepest);
            // Twice-area units |dx| * dlat^2 * max|f''| / 2, halved to area units and doubled for safety.
            record[EdgeErrors + k] = Math.Abs(xs[next] - xs[k]) * latitudeStep * latitudeStep * curvature / 2;
        }
        record[VertexCount] = n;
        record[OriginLon] = lons[0];
        record[OriginLat] = lats[0];
        for (var k = 0; k < n; k++)
        {
            record[Lons + k] = lons[k];
            record[Lats + k] = lats[k];
            record[ProjectedXs + k] = xs[k];
            record[ProjectedYs + k] = ys[k];
        }
        WriteTaylor(origin, record.Slice(Taylor, TaylorTerms));
        // Cauchy's estimate: sec is analytic within toPole of the origin and at most 1/sin(toPole/2) in magnitude on
        // the disc of radius toPole/2, so the series' tail beyond TaylorTerms is bounded by a geometric one.
        var remainder = WebMercator.Radius * radius / Math.Sin(toPole / 2) * Math.Pow(ratio, TaylorTerms) / (1 - ratio);
        record[PointError] = RoundingAllowance + remainder;
        record[Reach] = reachX + reachY + 1;
        record[MetresPerDegree] = metresPerDegree;
        record[Band] = 2 * perimeter * shift * metresPerDegree;
    }

    // Moves every edge of the counter-clockwise polygon inwards by the shift (degrees); each vertex becomes the
    // meeting point of its two moved edges. False for a polygon with a straight or very sharp corner, or an edge
    // too short for the shift.
    private static bool TryShrink(ReadOnlySpan<double> lons, ReadOnlySpan<double> lats, Span<double> shrunkLons, Span<double> shrunkLats, out double shift)
    {
        var n = lons.Length;
        var shortest = double.PositiveInfinity;
        for (var k = 0; k < n; k++)
            shortest = Math.Min(shortest, Math.Sqrt(Square(lons[(k + 1) % n] - lons[k]) + Square(lats[(k + 1) % n] - lats[k])));
        shift = Shift;
        if (!(shortest > 1e4 * shift)) return false;
        for (var k = 0; k < n; k++)
        {
            var previous = (k + n - 1) % n;
            double ax = lons[k] - lons[previous], ay = lats[k] - lats[previous];
            double bx = lons[(k + 1) % n] - lons[k], by = lats[(k + 1) % n] - lats[k];
            double aLength = Math.Sqrt(ax * ax + ay * ay), bLength = Math.Sqrt(bx * bx + by * by);
            // The corner's turn, as the sine of its angle: the meeting point moves by shift / sine.
            var turn = ax * by - ay * bx;
            if (!(turn > 1e-3 * aLength * bLength)) return false;
            // The offset d solves cross(a, d) = shift |a| and cross(b, d) = shift |b|.
            shrunkLons[k] = lons[k] + shift * (aLength * bx - bLength * ax) / turn;
            shrunkLats[k] = lats[k] + shift * (aLength * by - bLength * ay) / turn;
        }
        return true;
    }

    private static double Square(double value) => value * value;

    // y(origin + d) - y(origin) = R * sum over m of sec^(m-1)(origin) / m! * d^m, with sec^(n) = sec * P_n(tan) and
    // P_0 = 1, P_(n+1)(t) = t P_n(t) + (1 + t^2) P_n'(t).
    private static void WriteTaylor(double origin, Span<double> coefficients)
    {
        var tan = Math.Tan(origin);
        var sec = 1 / Math.Cos(origin);
        var polynomial = new double[coefficients.Length + 1];
        polynomial[0] = 1;
        double factorial = 1;
        for (var m = 1; m <= coefficients.Length; m++)
        {
            factorial *= m;
            double value = 0;
            for (var j = polynomial.Length - 1; j >= 0; j--) value = value * tan + polynomial[j];
            coefficients[m - 1] = WebMercator.Radius * sec * value / factorial;
            var next = new double[polynomial.Length];
            for (var j = 0; j < polynomial.Length; j++)
            {
                if (polynomial[j] == 0) continue;
                if (j + 1 < next.Length) next[j + 1] += polynomial[j];
                if (j >= 1)
                {
                    next[j - 1] += j * polynomial[j];
                    if (j + 1 < next.Length) next[j + 1] += j * polynomial[j];
                }
            }
            polynomial = next;
        }
    }
}
