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
    // Counter-clockwise vertices, not closed; and projected to EPSG:3857 relative to the first one.
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _px;
    private readonly double[] _py;
    private readonly (double X, double Y) _origin;
    private readonly double _cellTwiceArea;

    private ConvexCell(double[] x, double[] y)
    {
        _x = x;
        _y = y;
        _origin = WebMercator.Forward(x[0], y[0]);
        _px = new double[x.Length];
        _py = new double[x.Length];
        for (var i = 0; i < x.Length; i++) (_px[i], _py[i]) = Project(x[i], y[i]);
        for (var i = 0; i < x.Length; i++) _cellTwiceArea += _px[i] * _py[(i + 1) % x.Length] - _px[(i + 1) % x.Length] * _py[i];
    }

    /// <summary>The cell's own EPSG:3857 area.</summary>
    public double AreaWebMercator => Math.Abs(_cellTwiceArea) / 2;

    /// <summary>Longitudes of the counter-clockwise vertices (not closed).</summary>
    internal ReadOnlySpan<double> Longitudes => _x;

    /// <summary>Latitudes of the counter-clockwise vertices (not closed).</summary>
    internal ReadOnlySpan<double> Latitudes => _y;

    /// <summary>The vertices' EPSG:3857 x, relative to the first vertex's: the values this clipper measures with.</summary>
    internal ReadOnlySpan<double> ProjectedX => _px;

    /// <summary>The vertices' EPSG:3857 y, relative to the first vertex's.</summary>
    internal ReadOnlySpan<double> ProjectedY => _py;

    [ThreadStatic]
    private static List<int>? t_runs;

    [ThreadStatic]
    private static List<(double Position, double X, double Y)>? t_events;

    // EPSG:3857 relative to the cell's first vertex, so products keep the digits a 1 m^2 threshold needs.
    private (double X, double Y) Project(double lon, double lat)
    {
        var (x, y) = WebMercator.Forward(lon, lat);
        return (x - _origin.X, y - _origin.Y);
    }

    // Records where a ring crosses cell edge k, as k + the fraction along it; false at a corner.
    private bool AddEvent(List<(double Position, double X, double Y)> events, int k, double lon, double lat, double px, double py)
    {
        var n = _x.Length;
        double ex = _x[(k + 1) % n] - _x[k], ey = _y[(k + 1) % n] - _y[k];
        var u = ((lon - _x[k]) * ex + (lat - _y[k]) * ey) / (ex * ex + ey * ey);
        if (u <= 0 || u >= 1) return false;
        events.Add((k + u, px, py));
        return true;
    }

    /// <summary>The cell as a convex clipper, or null when it is not a single convex hole-free polygon.</summary>
    public static ConvexCell? TryCreate(Geometry cell) =>
        cell is Polygon { NumInteriorRings: 0, IsEmpty: false } polygon ? TryCreate(polygon.ExteriorRing.CoordinateSequence) : null;

    /// <summary>The polygon whose only ring is the closed ring <paramref name="ring"/> as a convex clipper, or null when it is not convex.</summary>
    public static ConvexCell? TryCreate(CoordinateSequence ring)
    {
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
    /// EPSG:3857 area of the cell's intersection with a valid polygonal piece, found from the
    /// piece's boundary near the cell only (Green's theorem): the parts of the piece's rings inside
    /// the cell, plus the stretches of the cell's boundary inside the piece, which lie between the
    /// points where the rings cross it. These are exactly the edges of the overlay's result, so
    /// the projected area is the overlay's. Null when a ring touches a cell edge or corner
    /// exactly: the caller falls back to clipping whole rings.
    /// </summary>
    public double? IntersectionAreaWebMercator(AssetOutline outline, Envelope envelope)
    {
        var runs = t_runs ??= [];
        var events = t_events ??= [];
        runs.Clear();
        events.Clear();
        outline.CollectRuns(envelope, runs);
        var (xs, ys) = (outline.Xs, outline.Ys);
        var n = _x.Length;
        double twiceArea = 0;
        foreach (var run in runs)
        {
            var (first, segments, sign) = outline.Run(run);
            for (var i = first; i < first + segments; i++)
            {
                double ax = xs[i], ay = ys[i], bx = xs[i + 1], by = ys[i + 1];
                if (Math.Max(ax, bx) < envelope.MinX || Math.Min(ax, bx) > envelope.MaxX || Math.Max(ay, by) < envelope.MinY || Math.Min(ay, by) > envelope.MaxY) continue;
                // Cyrus-Beck: the part of the segment inside every edge's half-plane.
                double t0 = 0, t1 = 1;
                int entry = -1, exit = -1;
                var outside = false;
                for (var k = 0; k < n && !outside; k++)
                {
                    double ex = _x[(k + 1) % n] - _x[k], ey = _y[(k + 1) % n] - _y[k];
                    var sa = ex * (ay - _y[k]) - ey * (ax - _x[k]);
                    var sb = ex * (by - _y[k]) - ey * (bx - _x[k]);
                    if (sa == 0 || sb == 0) return null;
                    if (sa < 0 && sb < 0) outside = true;
                    else if (sa < 0 != sb < 0)
                    {
                        var t = sa / (sa - sb);
                        if (sa < 0 && t > t0) (t0, entry) = (t, k);
                        else if (sb < 0 && t < t1) (t1, exit) = (t, k);
                    }
                }
                if (outside || t0 > t1) continue;
                if (t0 == t1) return null;
                var (pax, pay) = Project(ax + t0 * (bx - ax), ay + t0 * (by - ay));
                var (pbx, pby) = Project(ax + t1 * (bx - ax), ay + t1 * (by - ay));
                twiceArea += sign * (pax * pby - pbx * pay);
                if (entry >= 0 && !AddEvent(events, entry, ax + t0 * (bx - ax), ay + t0 * (by - ay), pax, pay)) return null;
                if (exit >= 0 && !AddEvent(events, exit, ax + t1 * (bx - ax), ay + t1 * (by - ay), pbx, pby)) return null;
            }
        }
        if (events.Count % 2 != 0) return null;
        events.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Position == events[i - 1].Position) return null;
        }
        // Walk the cell's boundary counter-clockwise; each crossing toggles inside/outside the piece.
        var inside = outline.Contains(_x[0], _y[0]);
        var startedInside = inside;
        var (lastX, lastY) = (_px[0], _py[0]);
        var next = 0;
        for (var k = 0; k < n; k++)
        {
            for (; next < events.Count && events[next].Position < k + 1; next++)
            {
                var crossing = events[next];
                if (inside) twiceArea += lastX * crossing.Y - crossing.X * lastY;
                else (lastX, lastY) = (crossing.X, crossing.Y);
                inside = !inside;
            }
            var corner = (k + 1) % n;
            if (inside) twiceArea += lastX * _py[corner] - _px[corner] * lastY;
            (lastX, lastY) = (_px[corner], _py[corner]);
        }
        if (inside != startedInside) return null;
        var area = twiceArea / 2;
        // A clearly negative area means the piece was not what its validity promised: let the caller clip instead.
        return area < -1e-9 * Math.Abs(_cellTwiceArea) ? null : Math.Max(0, area);
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
        private readonly List<AlongSegment>?[] _along = new List<AlongSegment>?[cell._x.Length];
        private double _twiceArea;

        public void Add(ClipRing ring, int sign)
        {
            var count = ring.Count;
            var projected = t_projected is { } buffer && buffer.Length >= 2 * count ? buffer : t_projected = new double[Math.Max(64, 4 * count)];
            for (var i = 0; i < count; i++)
            {
                (projected[2 * i], projected[2 * i + 1]) = cell.Project(ring.X[i], ring.Y[i]);
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
