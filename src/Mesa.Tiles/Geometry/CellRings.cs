namespace Mesa.Tiles.Geometry;

/// <summary>
/// The exterior rings of many cells, packed into flat arrays in world units (see <see cref="MercatorPixels"/>):
/// cell i owns rings <c>CellRingEnd[i-1]..CellRingEnd[i]</c>, ring r owns points <c>RingEnd[r-1]..RingEnd[r]</c>.
/// Each ring also keeps its bounding box's squared diagonal, so a zoom can tell that a ring thins to nothing
/// without visiting its points. Either sized up front (<see cref="Allocate"/>) and filled by <see cref="RingWriter"/>s,
/// or grown point by point (<see cref="AddPoint"/>, <see cref="EndRing"/>, <see cref="EndCell"/>).
/// </summary>
public sealed class CellRings : IExteriorRingSink
{
    private double[] _x = [];
    private double[] _y = [];
    private int[] _ringEnd = [];
    private double[] _ringDiagonal2 = [];
    private int[] _cellRingEnd = [];
    private (double MinLon, double MinLat, double MaxLon, double MaxLat) _lonLatBounds = Empty;
    private readonly Lock _boundsGate = new();
    // Where the point-by-point API writes.
    private RingWriter _tail;

    private static readonly (double, double, double, double) Empty =
        (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public CellRings() => _tail = new RingWriter(this, 0, 0, 0);

    /// <summary>Storage for exactly this many cells, rings and points, to be filled by <see cref="WriterAt"/>'s writers.</summary>
    public static CellRings Allocate(int cells, int rings, int points)
    {
        var storage = new CellRings
        {
            _x = new double[points],
            _y = new double[points],
            _ringEnd = new int[rings],
            _ringDiagonal2 = new double[rings],
            _cellRingEnd = new int[cells],
            CellCount = cells,
            RingCount = rings,
            PointCount = points,
        };
        return storage;
    }

    public int CellCount { get; private set; }

    public int RingCount { get; private set; }

    public int PointCount { get; private set; }

    /// <summary>World x of every point, indexed by point.</summary>
    public ReadOnlySpan<double> Xs => _x.AsSpan(0, PointCount);

    public ReadOnlySpan<double> Ys => _y.AsSpan(0, PointCount);

    public double X(int point) => Xs[point];

    public double Y(int point) => Ys[point];

    public int RingStart(int ring) => ring == 0 ? 0 : _ringEnd[ring - 1];

    public int RingEnd(int ring) => _ringEnd.AsSpan(0, RingCount)[ring];

    /// <summary>Squared diagonal of the ring's bounding box in world units: no two of its points are further apart.</summary>
    public double RingDiagonal2(int ring) => _ringDiagonal2.AsSpan(0, RingCount)[ring];

    /// <summary>The largest <see cref="RingDiagonal2"/>; 0 without rings.</summary>
    public double MaxRingDiagonal2()
    {
        var max = 0.0;
        foreach (var diagonal2 in _ringDiagonal2.AsSpan(0, RingCount)) max = Math.Max(max, diagonal2);
        return max;
    }

    public int CellRingStart(int cell) => cell == 0 ? 0 : _cellRingEnd[cell - 1];

    public int CellRingEnd(int cell) => _cellRingEnd.AsSpan(0, CellCount)[cell];

    /// <summary>Longitude/latitude bounds of every point added (latitude not clamped); infinities while empty.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) LonLatBounds => Union(_lonLatBounds, _tail.LonLatBounds);

    /// <summary>A writer whose first cell, ring and point go to these positions of storage from <see cref="Allocate"/>.</summary>
    public RingWriter WriterAt(int cell, int ring, int point) => new(this, cell, ring, point);

    /// <summary>Adds the points a finished writer wrote to <see cref="LonLatBounds"/>. Thread-safe.</summary>
    public void Include(in RingWriter writer)
    {
        lock (_boundsGate) _lonLatBounds = Union(_lonLatBounds, writer.LonLatBounds);
    }

    bool IExteriorRingSink.TakesPoints => true;

    public void AddPoint(double lon, double lat)
    {
        Grow(ref _x, PointCount + 1);
        Grow(ref _y, PointCount + 1);
        _tail.AddPoint(lon, lat);
        PointCount = _tail.Point;
    }

    void IExteriorRingSink.EndRing(int points) => EndRing();

    /// <summary>Closes the ring of the points added since the previous ring.</summary>
    public void EndRing()
    {
        Grow(ref _ringEnd, RingCount + 1);
        Grow(ref _ringDiagonal2, RingCount + 1);
        _tail.EndRing();
        RingCount = _tail.Ring;
    }

    /// <summary>Closes the cell of the rings ended since the previous cell (a cell may have none: it paints nothing).</summary>
    public void EndCell()
    {
        Grow(ref _cellRingEnd, CellCount + 1);
        _tail.EndCell();
        CellCount = _tail.Cell;
    }

    internal void SetPoint(int point, double x, double y)
    {
        _x[point] = x;
        _y[point] = y;
    }

    internal void SetRing(int ring, int end, double diagonal2)
    {
        _ringEnd[ring] = end;
        _ringDiagonal2[ring] = diagonal2;
    }

    internal void SetCell(int cell, int ringEnd) => _cellRingEnd[cell] = ringEnd;

    private static (double, double, double, double) Union((double MinLon, double MinLat, double MaxLon, double MaxLat) a, (double MinLon, double MinLat, double MaxLon, double MaxLat) b) =>
        (Math.Min(a.MinLon, b.MinLon), Math.Min(a.MinLat, b.MinLat), Math.Max(a.MaxLon, b.MaxLon), Math.Max(a.MaxLat, b.MaxLat));

    // Doubling while points stream in.
    private static void Grow<T>(ref T[] array, int needed)
    {
        if (needed > array.Length) Array.Resize(ref array, Math.Max(needed, Math.Min(Array.MaxLength, Math.Max(1024, 2 * array.Length))));
    }
}
