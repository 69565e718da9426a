namespace Mesa.Tiles.Geometry;

/// <summary>
/// The cells' exterior rings in global pixel coordinates of one zoom level, thinned (see
/// <see cref="VertexThinning"/>), with each cell's pixel bounding box. Rings left with fewer than three
/// vertices are dropped: they enclose no area to fill.
/// </summary>
public sealed class ZoomRings
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int[] _ringEnd;
    private readonly int[] _cellRingEnd;
    private readonly double[] _bounds;
    private readonly int _pointCount;

    private ZoomRings(int zoom, double[] x, double[] y, int[] ringEnd, int[] cellRingEnd, double[] bounds, int pointCount)
    {
        Zoom = zoom;
        _pointCount = pointCount;
        _x = x;
        _y = y;
        _ringEnd = ringEnd;
        _cellRingEnd = cellRingEnd;
        _bounds = bounds;
    }

    public int Zoom { get; }

    public int CellCount => _cellRingEnd.Length;

    /// <summary>Kept vertices' pixel x, all rings back to back.</summary>
    public ReadOnlySpan<double> Xs => _x.AsSpan(0, _pointCount);

    public ReadOnlySpan<double> Ys => _y.AsSpan(0, _pointCount);

    public int RingStart(int ring) => ring == 0 ? 0 : _ringEnd[ring - 1];

    public int RingEnd(int ring) => _ringEnd[ring];

    public int CellRingStart(int cell) => cell == 0 ? 0 : _cellRingEnd[cell - 1];

    public int CellRingEnd(int cell) => _cellRingEnd[cell];

    /// <summary>Pixel bounding box of a cell's kept rings; empty (min > max) for a cell without any.</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) Bounds(int cell) =>
        (_bounds[4 * cell], _bounds[4 * cell + 1], _bounds[4 * cell + 2], _bounds[4 * cell + 3]);

    public static ZoomRings Build(CellRings cells, int zoom)
    {
        var scale = MercatorPixels.WorldPixels(zoom);
        var minDistance2 = VertexThinning.MinDistancePixels(zoom) * VertexThinning.MinDistancePixels(zoom);
        // Thinning only removes, so the source sizes bound the result: no growing and no copying.
        var x = new double[cells.PointCount];
        var y = new double[cells.PointCount];
        var ringEnd = new int[cells.RingCount];
        var cellRingEnd = new int[cells.CellCount];
        var bounds = new double[4 * cells.CellCount];
        int points = 0, rings = 0;
        for (var cell = 0; cell < cells.CellCount; cell++)
        {
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
            for (var ring = cells.CellRingStart(cell); ring < cells.CellRingEnd(cell); ring++)
            {
                var start = points;
                for (var p = cells.RingStart(ring); p < cells.RingEnd(ring); p++)
                {
                    var px = cells.X(p) * scale;
                    var py = cells.Y(p) * scale;
                    if (points > start)
                    {
                        var dx = px - x[points - 1];
                        var dy = py - y[points - 1];
                        if (dx * dx + dy * dy < minDistance2) continue;
                    }
                    x[points] = px;
                    y[points++] = py;
                }
                if (points - start < 3)
                {
                    points = start;
                    continue;
                }
                for (var p = start; p < points; p++)
                {
                    minX = Math.Min(minX, x[p]);
                    maxX = Math.Max(maxX, x[p]);
                    minY = Math.Min(minY, y[p]);
                    maxY = Math.Max(maxY, y[p]);
                }
                ringEnd[rings++] = points;
            }
            cellRingEnd[cell] = rings;
            bounds[4 * cell] = minX;
            bounds[4 * cell + 1] = minY;
            bounds[4 * cell + 2] = maxX;
            bounds[4 * cell + 3] = maxY;
        }
        return new ZoomRings(zoom, x, y, ringEnd, cellRingEnd, bounds, points);
    }
}
