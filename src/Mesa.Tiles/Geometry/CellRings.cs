using Mesa.Tiles.Collections;

namespace Mesa.Tiles.Geometry;

/// <summary>
/// The exterior rings of many cells, packed into flat arrays in world units (see <see cref="MercatorPixels"/>):
/// cell i owns rings <c>CellRingEnd[i-1]..CellRingEnd[i]</c>, ring r owns points <c>RingEnd[r-1]..RingEnd[r]</c>.
/// </summary>
public sealed class CellRings
{
    private readonly BlockList<double> _x = new();
    private readonly BlockList<double> _y = new();
    private readonly List<int> _ringEnd = [];
    private readonly List<int> _cellRingEnd = [];

    public int CellCount => _cellRingEnd.Count;

    public int RingCount => _ringEnd.Count;

    public int PointCount => _x.Count;

    public double X(int point) => _x[point];

    public double Y(int point) => _y[point];

    public int RingStart(int ring) => ring == 0 ? 0 : _ringEnd[ring - 1];

    public int RingEnd(int ring) => _ringEnd[ring];

    public int CellRingStart(int cell) => cell == 0 ? 0 : _cellRingEnd[cell - 1];

    public int CellRingEnd(int cell) => _cellRingEnd[cell];

    /// <summary>Longitude/latitude bounds of every point added (latitude not clamped); infinities while empty.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) LonLatBounds { get; private set; } =
        (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public void AddPoint(double lon, double lat)
    {
        var b = LonLatBounds;
        LonLatBounds = (Math.Min(b.MinLon, lon), Math.Min(b.MinLat, lat), Math.Max(b.MaxLon, lon), Math.Max(b.MaxLat, lat));
        _x.Add(MercatorPixels.WorldX(lon));
        _y.Add(MercatorPixels.WorldY(lat));
    }

    /// <summary>Closes the ring of the points added since the previous ring.</summary>
    public void EndRing() => _ringEnd.Add(_x.Count);

    /// <summary>Closes the cell of the rings ended since the previous cell (a cell may have none: it paints nothing).</summary>
    public void EndCell() => _cellRingEnd.Add(_ringEnd.Count);
}
