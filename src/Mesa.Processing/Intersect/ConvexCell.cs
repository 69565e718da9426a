using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using Mesa.Processing.Geodesy;

namespace Mesa.Processing.Intersect;

/// <summary>
/// A cell that is a single convex polygon without holes (every hexagon, square and QDGC cell):
/// its intersection area with an asset can be found by clipping each asset ring against the
/// cell's edges (Sutherland-Hodgman), far cheaper than a general overlay.
/// </summary>
/// <remarks>
/// The clipped ring may contain zero-width bridges along the cell boundary where the asset
/// leaves and re-enters. Their points are collinear in lon/lat but not after projection, so the
/// area is not taken from the clipped ring as it stands: segments on each cell edge are first
/// reduced to the pieces the true intersection has there (see ProjectedArea).
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
    /// Whether segment (x1, y1)-(x2, y2) touches the cell: false only when a separating line
    /// exists (a cell edge with both ends outside it, or the segment's line with the whole cell
    /// on one side).
    /// </summary>
    public bool Meets(double x1, double y1, double x2, double y2)
    {
        var n = _x.Length;
        for (var edge = 0; edge < n; edge++)
        {
            double ax = _x[edge], ay = _y[edge];
            double bx = _x[(edge + 1) % n] - ax, by = _y[(edge + 1) % n] - ay;
            if (bx * (y1 - ay) - by * (x1 - ax) < 0 && bx * (y2 - ay) - by * (x2 - ax) < 0) return false;
        }
        double dx = x2 - x1, dy = y2 - y1;
        var positive = false;
        var negative = false;
        for (var i = 0; i < n; i++)
        {
            var side = dx * (_y[i] - y1) - dy * (_x[i] - x1);
            positive |= side >= 0;
            negative |= side <= 0;
        }
        return positive && negative;
    }

    /// <summary>
    /// EPSG:3857 area of the cell's intersection with a valid polygonal asset (shells minus holes).
    /// </summary>
    public double IntersectionAreaWebMercator(Geometry polygonal)
    {
        var area = new ProjectedArea(this);
        AddRings(polygonal, area);
        return Math.Abs(area.Total());
    }

    private void AddRings(Geometry geometry, ProjectedArea area)
    {
        switch (geometry)
        {
            case Polygon polygon:
                // Shells count positive and holes negative whatever way the file winds them.
                var shell = polygon.ExteriorRing.CoordinateSequence;
                if (!AddRing(shell, Orientation.IsCCW(shell) ? 1 : -1, area)) return;
                foreach (var hole in polygon.InteriorRings)
                    AddRing(hole.CoordinateSequence, Orientation.IsCCW(hole.CoordinateSequence) ? -1 : 1, area);
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++) AddRings(collection.GetGeometryN(i), area);
                break;
        }
    }

    /// <summary>Clips one ring to the cell and adds it to the area; false when nothing of it is inside.</summary>
    private bool AddRing(CoordinateSequence ring, int sign, ProjectedArea area)
    {
        var count = ring.Count - 1;
        if (count < 3) return false;
        // Scratch rings per thread: clipping runs millions of times and must not allocate each time.
        var input = t_first ??= new ClipRing();
        var output = t_second ??= new ClipRing();
        input.Clear();
        for (var i = 0; i < count; i++) input.Add(ring.GetX(i), ring.GetY(i), 0);
        var n = _x.Length;
        for (var edge = 0; edge < n && input.Count >= 3; edge++)
        {
            double ax = _x[edge], ay = _y[edge];
            double bx = _x[(edge + 1) % n] - ax, by = _y[(edge + 1) % n] - ay;
            var bit = 1 << edge;
            output.Clear();
            var s = input.Count - 1;
            var sSide = bx * (input.Y[s] - ay) - by * (input.X[s] - ax);
            for (var e = 0; e < input.Count; e++)
            {
                var eSide = bx * (input.Y[e] - ay) - by * (input.X[e] - ax);
                if (eSide >= 0)
                {
                    if (sSide < 0) output.AddCrossing(input, s, sSide, e, eSide, bit);
                    output.Add(input.X[e], input.Y[e], input.Edges[e]);
                }
                else if (sSide >= 0)
                {
                    output.AddCrossing(input, s, sSide, e, eSide, bit);
                }
                (s, sSide) = (e, eSide);
            }
            (input, output) = (output, input);
        }
        if (input.Count < 3) return false;
        area.Add(input, sign);
        return true;
    }

    [ThreadStatic]
    private static ClipRing? t_first;

    [ThreadStatic]
    private static ClipRing? t_second;

    [ThreadStatic]
    private static double[]? t_projected;

    /// <summary>
    /// Twice the signed EPSG:3857 area of clipped rings, summed. Segments running along a cell
    /// edge are kept aside and resolved together at the end into the pieces the true
    /// intersection has there: bridges and hole/shell overlaps cancel exactly, and each piece is
    /// measured as the single chord the overlay result would have.
    /// </summary>
    private sealed class ProjectedArea(ConvexCell cell)
    {
        private readonly (double X, double Y) _origin = WebMercator.Forward(cell._x[0], cell._y[0]);
        private readonly List<AlongSegment>?[] _along = new List<AlongSegment>?[cell._x.Length];
        private double _twiceArea;

        public void Add(ClipRing ring, int sign)
        {
            var count = ring.Count;
            var projected = t_projected is { } buffer && buffer.Length >= 2 * count ? buffer : t_projected = new double[Math.Max(64, 4 * count)];
            for (var i = 0; i < count; i++)
            {
                var (x, y) = WebMercator.Forward(ring.X[i], ring.Y[i]);
                projected[2 * i] = x - _origin.X;
                projected[2 * i + 1] = y - _origin.Y;
            }
            for (var i = 0; i < count; i++)
            {
                var j = i + 1 == count ? 0 : i + 1;
                double xi = projected[2 * i], yi = projected[2 * i + 1], xj = projected[2 * j], yj = projected[2 * j + 1];
                var shared = ring.Edges[i] & ring.Edges[j];
                if (shared == 0)
                {
                    _twiceArea += sign * (xi * yj - xj * yi);
                    continue;
                }
                var edge = System.Numerics.BitOperations.TrailingZeroCount(shared);
                (_along[edge] ??= []).Add(new AlongSegment(
                    new EdgePoint(cell.Position(edge, ring.X[i], ring.Y[i]), xi, yi),
                    new EdgePoint(cell.Position(edge, ring.X[j], ring.Y[j]), xj, yj),
                    sign));
            }
        }

        public double Total()
        {
            var twiceArea = _twiceArea;
            foreach (var segments in _along)
            {
                if (segments is not null) twiceArea += Resolve(segments);
            }
            return twiceArea / 2;
        }

        // Net coverage of one cell edge, as chords between the ends of each run of equal coverage.
        private static double Resolve(List<AlongSegment> segments)
        {
            var all = new EdgePoint[2 * segments.Count];
            for (var i = 0; i < segments.Count; i++)
            {
                all[2 * i] = segments[i].From;
                all[2 * i + 1] = segments[i].To;
            }
            Array.Sort(all, static (a, b) => a.Position.CompareTo(b.Position));
            // Points at the same position are the same point: keep the first of each.
            var distinct = 0;
            for (var i = 0; i < all.Length; i++)
            {
                if (distinct == 0 || all[i].Position != all[distinct - 1].Position) all[distinct++] = all[i];
            }
            var points = all.AsSpan(0, distinct);
            var positions = new double[distinct];
            for (var i = 0; i < distinct; i++) positions[i] = points[i].Position;
            var coverage = new int[distinct];
            foreach (var segment in segments)
            {
                int a = Array.BinarySearch(positions, segment.From.Position), b = Array.BinarySearch(positions, segment.To.Position);
                var weight = a < b ? segment.Sign : -segment.Sign;
                coverage[Math.Min(a, b)] += weight;
                coverage[Math.Max(a, b)] -= weight;
            }
            double twiceArea = 0;
            var net = 0;
            var runStart = -1;
            for (var i = 0; i < points.Length; i++)
            {
                var next = net + coverage[i];
                if (next != net && runStart >= 0)
                {
                    twiceArea += net * (points[runStart].X * points[i].Y - points[i].X * points[runStart].Y);
                    runStart = -1;
                }
                if (next != 0 && runStart < 0) runStart = i;
                net = next;
            }
            return twiceArea;
        }
    }

    // Where a point lies along cell edge k, as a multiple of the edge's squared length.
    private double Position(int edge, double x, double y)
    {
        var n = _x.Length;
        return (x - _x[edge]) * (_x[(edge + 1) % n] - _x[edge]) + (y - _y[edge]) * (_y[(edge + 1) % n] - _y[edge]);
    }

    /// <summary>A point on a cell edge: where along it, and its projected coordinates relative to the origin.</summary>
    private readonly record struct EdgePoint(double Position, double X, double Y);

    /// <summary>A clipped ring's segment lying on a cell edge, with its ring's sign (+1 shell, -1 hole).</summary>
    private readonly record struct AlongSegment(EdgePoint From, EdgePoint To, int Sign);

    /// <summary>A ring being clipped: lon/lat vertices, each tagged with the cell edges (bit per edge) it lies on.</summary>
    private sealed class ClipRing
    {
        public double[] X { get; private set; } = new double[64];

        public double[] Y { get; private set; } = new double[64];

        public int[] Edges { get; private set; } = new int[64];

        public int Count { get; private set; }

        public void Add(double x, double y, int edges)
        {
            if (Count == X.Length)
            {
                X = Grow(X);
                Y = Grow(Y);
                Edges = Grow(Edges);
            }
            X[Count] = x;
            Y[Count] = y;
            Edges[Count] = edges;
            Count++;
        }

        public void Clear() => Count = 0;

        /// <summary>Adds where segment s-e crosses the clip line of <paramref name="edgeBit"/>; a segment already on another cell edge stays on it.</summary>
        public void AddCrossing(ClipRing from, int s, double sSide, int e, double eSide, int edgeBit)
        {
            var t = sSide / (sSide - eSide);
            Add(from.X[s] + t * (from.X[e] - from.X[s]), from.Y[s] + t * (from.Y[e] - from.Y[s]), (from.Edges[s] & from.Edges[e]) | edgeBit);
        }

        private static T[] Grow<T>(T[] array)
        {
            var grown = new T[array.Length * 2];
            array.CopyTo(grown, 0);
            return grown;
        }
    }
}
