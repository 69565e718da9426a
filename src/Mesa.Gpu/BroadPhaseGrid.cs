namespace Mesa.Gpu;

/// <summary>
/// The uniform grid the broad phase bins asset pieces' bounding boxes into: its origin, bins per unit and size.
/// A value's bin is monotone in the value, so the bin of a point between two values lies between their bins.
/// </summary>
internal readonly struct BroadPhaseGrid(double originX, double originY, double scaleX, double scaleY, int columns, int rows)
{
    public readonly double OriginX = originX;
    public readonly double OriginY = originY;
    public readonly double ScaleX = scaleX;
    public readonly double ScaleY = scaleY;
    public readonly int Columns = columns;
    public readonly int Rows = rows;

    public int Column(double x) => Bin((x - OriginX) * ScaleX, Columns);

    public int Row(double y) => Bin((y - OriginY) * ScaleY, Rows);

    private static int Bin(double at, int count)
    {
        if (at >= count) return count - 1;
        return at >= 0 ? (int)at : 0;
    }
}
