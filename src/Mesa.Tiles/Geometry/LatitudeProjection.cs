namespace Mesa.Tiles.Geometry;

/// <summary>
/// <see cref="MercatorPixels.WorldY"/> remembered per latitude in a small direct-mapped table: grid cells share their
/// vertices' latitudes along whole rows, so most points skip the tangent and arcsinh, and a hit returns the very same
/// value. Not thread-safe.
/// </summary>
internal sealed class LatitudeProjection
{
    private const int Slots = 1024;

    private readonly double[] _latitudes = new double[Slots];
    private readonly double[] _worldYs = new double[Slots];
    private readonly bool[] _known = new bool[Slots];

    public double WorldY(double lat)
    {
        var bits = BitConverter.DoubleToInt64Bits(lat);
        var slot = (int)((ulong)(bits ^ (bits >> 29)) % Slots);
        if (_known[slot] && BitConverter.DoubleToInt64Bits(_latitudes[slot]) == bits) return _worldYs[slot];
        (_latitudes[slot], _worldYs[slot], _known[slot]) = (lat, MercatorPixels.WorldY(lat), true);
        return _worldYs[slot];
    }
}
