using System.Collections.Concurrent;
using Mesa.Tiles.Rendering;

namespace Mesa.Tiles.Geometry;

/// <summary>
/// The cells' exterior rings in global pixel coordinates of one zoom level, thinned (see
/// <see cref="VertexThinning"/>), with each cell's pixel bounding box. A ring keeps the slots of its source
/// vertices and uses the first <c>RingEnd - RingStart</c> of them, so cells thin independently on all threads.
/// Rings left with fewer than three vertices are emptied: they enclose no area to fill.
/// </summary>
public sealed class ZoomRings
{
    private const int CellsPerTask = 4096;

    private readonly CellRings _cells;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int[] _ringEnd;
    private readonly double[] _bounds;

    private ZoomRings(int zoom, CellRings cells, double[] x, double[] y, int[] ringEnd, double[] bounds)
    {
        Zoom = zoom;
        _cells = cells;
        _x = x;
        _y = y;
        _ringEnd = ringEnd;
        _bounds = bounds;
    }

    public int Zoom { get; }

    public int CellCount => _cells.CellCount;

    /// <summary>Pixel x of the kept vertices, indexed from <see cref="RingStart"/> to <see cref="RingEnd"/>.</summary>
    public ReadOnlySpan<double> Xs => _x;

    public ReadOnlySpan<double> Ys => _y;

    public int RingStart(int ring) => _cells.RingStart(ring);

    /// <summary>End of the ring's kept vertices; equal to its start when thinning left it nothing to fill.</summary>
    public int RingEnd(int ring) => _ringEnd[ring];

    public int CellRingStart(int cell) => _cells.CellRingStart(cell);

    public int CellRingEnd(int cell) => _cells.CellRingEnd(cell);

    /// <summary>Pixel bounding box of a cell's kept rings; empty (min > max) for a cell without any.</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) Bounds(int cell) =>
        (_bounds[4 * cell], _bounds[4 * cell + 1], _bounds[4 * cell + 2], _bounds[4 * cell + 3]);

    /// <param name="recycle">The same cells' rings at another zoom, no longer used: their arrays are reused, so a group's
    /// zooms do not each allocate (and page in) arrays as large as all its vertices.</param>
    public static ZoomRings Build(CellRings cells, int zoom, int threads = 1, ZoomRings? recycle = null)
    {
        var reuse = recycle is not null && recycle._cells == cells;
        var x = reuse ? recycle!._x : new double[cells.PointCount];
        var y = reuse ? recycle!._y : new double[cells.PointCount];
        var ringEnd = reuse ? recycle!._ringEnd : new int[cells.RingCount];
        var bounds = reuse ? recycle!._bounds : new double[4 * cells.CellCount];
        var scale = MercatorPixels.WorldPixels(zoom);
        var minDistance2 = MinDistance2(zoom);
        Parallel.ForEach(Partitioner.Create(0, cells.CellCount, CellsPerTask), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, range =>
        {
            for (var cell = range.Item1; cell < range.Item2; cell++)
                Thin(cells, cell, scale, minDistance2, x, y, ringEnd, bounds);
        });
        return new ZoomRings(zoom, cells, x, y, ringEnd, bounds);
    }

    /// <summary>The zooms of <paramref name="zooms"/> where some ring keeps more than its first point: the others have nothing to draw.</summary>
    public static IReadOnlySet<int> Drawn(CellRings cells, ZoomRange zooms)
    {
        var diagonal2 = cells.MaxRingDiagonal2();
        return Enumerable.Range(zooms.Min, zooms.Max - zooms.Min + 1)
            .Where(zoom => !(diagonal2 * Scale2(zoom) < MinDistance2(zoom) * SurelyCloser))
            .ToHashSet();
    }

    private static double Scale2(int zoom) => MercatorPixels.WorldPixels(zoom) * MercatorPixels.WorldPixels(zoom);

    private static double MinDistance2(int zoom) => VertexThinning.MinDistancePixels(zoom) * VertexThinning.MinDistancePixels(zoom);

    // A ring whose points all lie this much closer than the threshold to its first point keeps only that point;
    // the margin covers the rounding of the pixel distances, so rings near the threshold are thinned point by point.
    private const double SurelyCloser = 0.999;

    private static void Thin(CellRings cells, int cell, double scale, double minDistance2, double[] x, double[] y, int[] ringEnd, double[] bounds)
    {
        var xs = cells.Xs;
        var ys = cells.Ys;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var ring = cells.CellRingStart(cell); ring < cells.CellRingEnd(cell); ring++)
        {
            var start = cells.RingStart(ring);
            var end = start;
            if (cells.RingDiagonal2(ring) * scale * scale < minDistance2 * SurelyCloser)
            {
                ringEnd[ring] = end;
                continue;
            }
            // The last kept vertex stays in locals: it is what every later vertex is measured from.
            double lastX = double.NaN, lastY = double.NaN;
            for (var p = start; p < cells.RingEnd(ring); p++)
            {
                var px = xs[p] * scale;
                var py = ys[p] * scale;
                if (end > start)
                {
                    var dx = px - lastX;
                    var dy = py - lastY;
                    if (dx * dx + dy * dy < minDistance2) continue;
                }
                x[end] = lastX = px;
                y[end++] = lastY = py;
            }
            if (end - start < 3) end = start;
            for (var p = start; p < end; p++)
            {
                minX = Math.Min(minX, x[p]);
                maxX = Math.Max(maxX, x[p]);
                minY = Math.Min(minY, y[p]);
                maxY = Math.Max(maxY, y[p]);
            }
            ringEnd[ring] = end;
        }
        bounds[4 * cell] = minX;
        bounds[4 * cell + 1] = minY;
        bounds[4 * cell + 2] = maxX;
        bounds[4 * cell + 3] = maxY;
    }
}
