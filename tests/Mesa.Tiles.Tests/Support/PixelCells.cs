using Mesa.Tiles.Geometry;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Tests.Support;

/// <summary>Hand-made cells given in global pixel coordinates of one zoom, stored as lon/lat as tbl_flat would.</summary>
internal static class PixelCells
{
    /// <summary>Band A, sensitivity 25, one group, one asset, importance 5, index_owa 100.</summary>
    public static FlatCellValues Values(string? signature = null) => new("A", 25, 1, 1, 5, 100, signature);

    public static (double Lon, double Lat) ToLonLat(double px, double py, int zoom)
    {
        var size = MercatorPixels.WorldPixels(zoom);
        return (px / size * 360.0 - 180.0, Math.Atan(Math.Sinh(Math.PI * (1 - 2 * py / size))) * 180.0 / Math.PI);
    }

    /// <summary>Adds one cell with one ring per array of (x, y) pixel vertices (each ring closed by repeating its first vertex).</summary>
    public static void Add(GroupCells group, int zoom, params (double X, double Y)[][] rings) => Add(group, zoom, Values(), rings);

    public static void Add(GroupCells group, int zoom, FlatCellValues values, params (double X, double Y)[][] rings)
    {
        foreach (var ring in rings)
        {
            foreach (var (x, y) in ring.Append(ring[0]))
            {
                var (lon, lat) = ToLonLat(x, y, zoom);
                group.Rings.AddPoint(lon, lat);
            }
            group.Rings.EndRing();
        }
        group.EndCell(values);
    }

    public static (double X, double Y)[] Rectangle(double left, double top, double right, double bottom) =>
        [(left, top), (right, top), (right, bottom), (left, bottom)];
}
