using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Intersect;

/// <summary>
/// The boundary of a polygonal asset, indexed for the two questions most cells need answered:
/// does the boundary come anywhere near this cell's envelope, and if not, is the cell inside or
/// outside? Most cells lie wholly inside or outside the assets they meet, and for them these
/// answers replace an exact overlay.
/// </summary>
/// <remarks>
/// Edges are indexed in runs of <see cref="RunLength"/> consecutive segments, so the index stays
/// small for assets with hundreds of thousands of vertices. Read-only after construction, so
/// any number of threads may query it.
/// </remarks>
public sealed class AssetOutline
{
    private const int RunLength = 8;

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly (int FirstVertex, int Segments, int Sign)[] _runSpans;
    private readonly PackedBoxTree _runs;
    private readonly Geometry _polygonal;

    // 0 until validity is first asked for, then 1 (valid) or 2; threads racing to find it write the same value.
    private int _validity;

    public AssetOutline(Geometry polygonal)
    {
        _polygonal = polygonal;
        var rings = new List<(CoordinateSequence Ring, bool Shell)>();
        CollectRings(polygonal, rings);
        var vertices = rings.Sum(r => r.Ring.Count);
        _x = new double[vertices];
        _y = new double[vertices];
        var spans = new List<(int FirstVertex, int Segments, int Sign)>();
        var boxes = new List<double>();
        var offset = 0;
        foreach (var (ring, shell) in rings)
        {
            // +1 where walking the ring keeps the area on the left (shells counter-clockwise, holes clockwise).
            var sign = shell == Orientation.IsCCW(ring) ? 1 : -1;
            for (var i = 0; i < ring.Count; i++)
            {
                _x[offset + i] = ring.GetX(i);
                _y[offset + i] = ring.GetY(i);
            }
            // A run is the segments from vertex start to start + RunLength (or the ring's last vertex).
            for (var start = 0; start < ring.Count - 1; start += RunLength)
            {
                var end = Math.Min(start + RunLength, ring.Count - 1);
                double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
                for (var i = offset + start; i <= offset + end; i++)
                {
                    minX = Math.Min(minX, _x[i]);
                    minY = Math.Min(minY, _y[i]);
                    maxX = Math.Max(maxX, _x[i]);
                    maxY = Math.Max(maxY, _y[i]);
                }
                boxes.Add(minX);
                boxes.Add(minY);
                boxes.Add(maxX);
                boxes.Add(maxY);
                spans.Add((offset + start, end - start, sign));
            }
            offset += ring.Count;
        }
        _runSpans = [.. spans];
        _runs = new PackedBoxTree([.. boxes]);
    }

    /// <summary>Whether the geometry is valid (OGC): only then may its area be measured ring by ring.</summary>
    /// <remarks>Checking is costly and only cells the boundary crosses ask, so it is found on first use.</remarks>
    public bool IsValid
    {
        get
        {
            if (_validity == 0) _validity = _polygonal.IsValid ? 1 : 2;
            return _validity == 1;
        }
    }

    /// <summary>
    /// True when some boundary segment may touch the cell: one whose bounding box meets the cell's
    /// <paramref name="envelope"/> and, for a convex cell, that the cell itself does not exclude.
    /// False means the cell lies wholly inside or wholly outside.
    /// </summary>
    public bool BoundaryMayCross(Envelope envelope, ConvexCell? cell)
    {
        var visitor = new MeetsVisitor(this, envelope, cell);
        return !_runs.Query(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, ref visitor);
    }

    /// <summary>
    /// Whether a point lies inside the area (even-odd rule over all rings, so holes are outside).
    /// Only meaningful for points off the boundary, which is what <see cref="BoundaryMayCross"/> guarantees.
    /// </summary>
    public bool Contains(double x, double y)
    {
        // Count crossings of a ray from the point towards +x; only runs the ray meets can contribute.
        var visitor = new CrossingVisitor(this, x, y);
        _runs.Query(x, y, double.MaxValue, y, ref visitor);
        return (visitor.Crossings & 1) == 1;
    }

    /// <summary>Adds to <paramref name="runs"/> the runs whose bounding box meets <paramref name="envelope"/>.</summary>
    internal void CollectRuns(Envelope envelope, List<int> runs)
    {
        var visitor = new CollectVisitor(runs);
        _runs.Query(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, ref visitor);
    }

    /// <summary>A run: its first vertex, its number of segments, and +1/-1 for the side its ring keeps the area on.</summary>
    internal (int FirstVertex, int Segments, int Sign) Run(int id) => _runSpans[id];

    internal double[] Xs => _x;

    internal double[] Ys => _y;

    /// <summary>The rings of a polygonal geometry's polygons, shells and holes, in the order its outline holds them.</summary>
    internal static void CollectRings(Geometry geometry, List<(CoordinateSequence Ring, bool Shell)> rings)
    {
        switch (geometry)
        {
            case Polygon polygon:
                rings.Add((polygon.ExteriorRing.CoordinateSequence, true));
                foreach (var hole in polygon.InteriorRings) rings.Add((hole.CoordinateSequence, false));
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++) CollectRings(collection.GetGeometryN(i), rings);
                break;
        }
    }

    private readonly struct CollectVisitor(List<int> runs) : IBoxVisitor
    {
        public bool Visit(int item)
        {
            runs.Add(item);
            return true;
        }
    }

    // Stops the query at the first segment that may touch the cell.
    private readonly struct MeetsVisitor(AssetOutline outline, Envelope envelope, ConvexCell? cell) : IBoxVisitor
    {
        public bool Visit(int item)
        {
            var (start, segments, _) = outline._runSpans[item];
            var xs = outline._x;
            var ys = outline._y;
            for (var i = start; i < start + segments; i++)
            {
                double x1 = xs[i], y1 = ys[i], x2 = xs[i + 1], y2 = ys[i + 1];
                if (Math.Max(x1, x2) < envelope.MinX || Math.Min(x1, x2) > envelope.MaxX || Math.Max(y1, y2) < envelope.MinY || Math.Min(y1, y2) > envelope.MaxY) continue;
                if (cell is null || cell.Meets(x1, y1, x2, y2)) return false;
            }
            return true;
        }
    }

    private struct CrossingVisitor(AssetOutline outline, double x, double y) : IBoxVisitor
    {
        public int Crossings { get; private set; }

        public bool Visit(int item)
        {
            var (start, segments, _) = outline._runSpans[item];
            var xs = outline._x;
            var ys = outline._y;
            for (var i = start; i < start + segments; i++)
            {
                double y1 = ys[i], y2 = ys[i + 1];
                // Half-open rule on y so a vertex exactly at the ray's height counts once.
                if (y1 > y == y2 > y) continue;
                var crossingX = xs[i] + (y - y1) * (xs[i + 1] - xs[i]) / (y2 - y1);
                if (crossingX > x) Crossings++;
            }
            return true;
        }
    }
}
