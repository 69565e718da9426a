namespace Mesa.Tiles.Geometry;

/// <summary>
/// Web Mercator in "world units": x and y in 0..1 over the whole square map, y growing southwards as
/// tile rows do in the XYZ scheme. A pixel at zoom z is world units times 256 * 2^z.
/// </summary>
public static class MercatorPixels
{
    /// <summary>The latitude where the square Web Mercator map ends.</summary>
    public const double MaxLatitude = 85.05112878;

    public const int TileSize = 256;

    public static double WorldX(double lon) => (lon + 180.0) / 360.0;

    /// <summary>Latitudes beyond <see cref="MaxLatitude"/> are clamped onto the map's edge.</summary>
    public static double WorldY(double lat)
    {
        var phi = Math.Clamp(lat, -MaxLatitude, MaxLatitude) * Math.PI / 180.0;
        return (1.0 - Math.Asinh(Math.Tan(phi)) / Math.PI) / 2.0;
    }

    /// <summary>Pixels across the whole map at a zoom level.</summary>
    public static double WorldPixels(int zoom) => TileSize * (double)(1L << zoom);
}
