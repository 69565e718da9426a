namespace Mesa.Tiles.Geometry;

/// <summary>
/// The exterior rings of many cells, packed into flat arrays in world units (see <see cref="MercatorPixels"/>):
/// cell i owns rings <c>CellRingEnd[i-1]..CellRingEnd[i]</c>, ring r owns points <c>RingEnd[r-1]..RingEnd[r]</c>.
/// Each ring also keeps its bounding box's squared diagonal, so a zoom can tell that a ring thins to nothing
/// without visiting its points.
/// </summary>
public sealed class CellRings
{
    private double[] _x = [];
    private double[] _y = [];
    private int[] _ringEnd = [];
    private double[] _ringDiagonal2 = [];
    private int[] _cellRingEnd = [];
    private double _ringMinX = double.PositiveInfinity, _ringMinY = double.PositiveInfinity;
    private double _ringMaxX = double.NegativeInfinity, _ringMaxY = double.NegativeInfinity;
    private double _minLon = double.PositiveInfinity, _minLat = double.PositiveInfinity;
    private double _maxLon = double.NegativeInfinity, _maxLat = double.NegativeInfinity;

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

    public int CellRingStart(int cell) => cell == 0 ? 0 : _cellRingEnd[cell - 1];

    public int CellRingEnd(int cell) => _cellRingEnd.AsSpan(0, CellCount)[cell];

    /// <summary>Longitude/latitude bounds of every point added (latitude not clamped); infinities while empty.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) LonLatBounds => (_minLon, _minLat, _maxLon, _maxLat);

    public void AddPoint(double lon, double lat)
    {
        _minLon = Math.Min(_minLon, lon);
        _minLat = Math.Min(_minLat, lat);
        _maxLon = Math.Max(_maxLon, lon);
        _maxLat = Math.Max(_maxLat, lat);
        var x = MercatorPixels.WorldX(lon);
        var y = WorldY(lat);
        _ringMinX = Math.Min(_ringMinX, x);
        _ringMinY = Math.Min(_ringMinY, y);
        _ringMaxX = Math.Max(_ringMaxX, x);
        _ringMaxY = Math.Max(_ringMaxY, y);
        Grow(ref _x, PointCount + 1);
        Grow(ref _y, PointCount + 1);
        _x[PointCount] = x;
        _y[PointCount++] = y;
    }

    /// <summary>Closes the ring of the points added since the previous ring.</summary>
    public void EndRing()
    {
        Grow(ref _ringEnd, RingCount + 1);
        Grow(ref _ringDiagonal2, RingCount + 1);
        var (width, height) = (_ringMaxX - _ringMinX, _ringMaxY - _ringMinY);
        // A ring without points has no extent: it thins to nothing at every zoom.
        _ringDiagonal2[RingCount] = RingStart(RingCount) == PointCount ? 0 : width * width + height * height;
        _ringEnd[RingCount++] = PointCount;
        (_ringMinX, _ringMinY, _ringMaxX, _ringMaxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
    }

    /// <summary>Closes the cell of the rings ended since the previous cell (a cell may have none: it paints nothing).</summary>
    public void EndCell()
    {
        Grow(ref _cellRingEnd, CellCount + 1);
        _cellRingEnd[CellCount++] = RingCount;
    }

    /// <summary>Makes room for this many more cells, rings and points, so that appending them never over-allocates.</summary>
    public void Reserve(int cells, int rings, int points)
    {
        Resize(ref _x, PointCount + points);
        Resize(ref _y, PointCount + points);
        Resize(ref _ringEnd, RingCount + rings);
        Resize(ref _ringDiagonal2, RingCount + rings);
        Resize(ref _cellRingEnd, CellCount + cells);
    }

    /// <summary>Adds every cell of <paramref name="others"/>, in order, after the cells here, as if they had been added one by one.</summary>
    /// <param name="threads">The parts are copied side by side on up to this many threads.</param>
    public void Append(IReadOnlyList<CellRings> others, int threads = 1)
    {
        Reserve(others.Sum(o => o.CellCount), others.Sum(o => o.RingCount), others.Sum(o => o.PointCount));
        // Where each part's cells, rings and points go.
        var starts = new (int Cell, int Ring, int Point)[others.Count];
        var next = (Cell: CellCount, Ring: RingCount, Point: PointCount);
        for (var i = 0; i < others.Count; i++)
        {
            starts[i] = next;
            next = (next.Cell + others[i].CellCount, next.Ring + others[i].RingCount, next.Point + others[i].PointCount);
        }
        Parallel.For(0, others.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var (other, (cell, ring, point)) = (others[i], starts[i]);
            other.Xs.CopyTo(_x.AsSpan(point));
            other.Ys.CopyTo(_y.AsSpan(point));
            other._ringDiagonal2.AsSpan(0, other.RingCount).CopyTo(_ringDiagonal2.AsSpan(ring));
            for (var r = 0; r < other.RingCount; r++) _ringEnd[ring + r] = point + other._ringEnd[r];
            for (var c = 0; c < other.CellCount; c++) _cellRingEnd[cell + c] = ring + other._cellRingEnd[c];
        });
        (CellCount, RingCount, PointCount) = next;
        foreach (var other in others)
        {
            _minLon = Math.Min(_minLon, other._minLon);
            _minLat = Math.Min(_minLat, other._minLat);
            _maxLon = Math.Max(_maxLon, other._maxLon);
            _maxLat = Math.Max(_maxLat, other._maxLat);
        }
    }

    // Grid cells share their vertices' latitudes along whole rows, so the projection (a tangent and an arcsinh)
    // is remembered per latitude in a small direct-mapped table; a hit returns the very same value.
    private const int LatitudeSlots = 1024;
    private readonly double[] _latitudes = new double[LatitudeSlots];
    private readonly double[] _worldYs = new double[LatitudeSlots];
    private readonly bool[] _known = new bool[LatitudeSlots];

    private double WorldY(double lat)
    {
        var bits = BitConverter.DoubleToInt64Bits(lat);
        var slot = (int)((ulong)(bits ^ (bits >> 29)) % LatitudeSlots);
        if (_known[slot] && BitConverter.DoubleToInt64Bits(_latitudes[slot]) == bits) return _worldYs[slot];
        (_latitudes[slot], _worldYs[slot], _known[slot]) = (lat, MercatorPixels.WorldY(lat), true);
        return _worldYs[slot];
    }

    // Doubling while points stream in; Reserve sizes exactly when the totals are known.
    private static void Grow<T>(ref T[] array, int needed)
    {
        if (needed > array.Length) Array.Resize(ref array, Math.Max(needed, Math.Min(Array.MaxLength, Math.Max(1024, 2 * array.Length))));
    }

    private static void Resize<T>(ref T[] array, int needed)
    {
        if (needed > array.Length) Array.Resize(ref array, needed);
    }
}
