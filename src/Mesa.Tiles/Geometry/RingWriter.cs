namespace Mesa.Tiles.Geometry;

/// <summary>
/// Writes cells' rings into a <see cref="CellRings"/> from given cell, ring and point positions on, projecting each
/// point to world units and keeping each ring's bounding box. Threads fill their own stretches of the same storage,
/// each with its own writer; <see cref="CellRings.Include"/> then adds what a writer saw to the storage's bounds.
/// </summary>
public struct RingWriter : IExteriorRingSink
{
    private readonly CellRings _rings;
    private readonly LatitudeProjection _latitudes = new();
    private int _ringStart;
    private double _ringMinX = double.PositiveInfinity, _ringMinY = double.PositiveInfinity;
    private double _ringMaxX = double.NegativeInfinity, _ringMaxY = double.NegativeInfinity;

    internal RingWriter(CellRings rings, int cell, int ring, int point)
    {
        _rings = rings;
        (Cell, Ring, Point) = (cell, ring, point);
        _ringStart = point;
    }

    /// <summary>The next cell, ring and point to be written.</summary>
    public int Cell { get; private set; }

    public int Ring { get; private set; }

    public int Point { get; private set; }

    /// <summary>Longitude/latitude bounds of the points written (latitude not clamped); infinities before the first.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) LonLatBounds { get; private set; } =
        (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public readonly bool TakesPoints => true;

    public void AddPoint(double lon, double lat)
    {
        var (minLon, minLat, maxLon, maxLat) = LonLatBounds;
        LonLatBounds = (Math.Min(minLon, lon), Math.Min(minLat, lat), Math.Max(maxLon, lon), Math.Max(maxLat, lat));
        var x = MercatorPixels.WorldX(lon);
        var y = _latitudes.WorldY(lat);
        _ringMinX = Math.Min(_ringMinX, x);
        _ringMinY = Math.Min(_ringMinY, y);
        _ringMaxX = Math.Max(_ringMaxX, x);
        _ringMaxY = Math.Max(_ringMaxY, y);
        _rings.SetPoint(Point++, x, y);
    }

    public void EndRing(int points) => EndRing();

    /// <summary>Closes the ring of the points added since the previous ring.</summary>
    public void EndRing()
    {
        var (width, height) = (_ringMaxX - _ringMinX, _ringMaxY - _ringMinY);
        // A ring without points has no extent: it thins to nothing at every zoom.
        _rings.SetRing(Ring++, Point, _ringStart == Point ? 0 : width * width + height * height);
        _ringStart = Point;
        (_ringMinX, _ringMinY, _ringMaxX, _ringMaxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
    }

    /// <summary>Closes the cell of the rings ended since the previous cell (a cell may have none: it paints nothing).</summary>
    public void EndCell() => _rings.SetCell(Cell++, Ring);
}
