using Mesa.Processing.Geodesy;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>
/// An extent in EPSG:3857 with the scale that turns ground metres at its central latitude into Mercator units,
/// for the metric grids (hexagons, squares) that are laid out in Web Mercator.
/// </summary>
internal sealed class MercatorFrame
{
    /// <summary>The latitude where Web Mercator's square world ends; the metric grids stop there.</summary>
    public const double MaxLatitude = 85.05112877980659;

    private const double Radians = Math.PI / 180.0;

    /// <exception cref="ArgumentException">The extent is invalid or lies wholly beyond +-85.05 degrees.</exception>
    public MercatorFrame(Envelope extent)
    {
        GridExtent.Validate(extent);
        double south = Math.Max(extent.MinY, -MaxLatitude);
        double north = Math.Min(extent.MaxY, MaxLatitude);
        if (south > north)
            throw new ArgumentException($"The extent {extent} lies beyond Web Mercator's latitude limit of +-{MaxLatitude}.", nameof(extent));
        (MinX, MinY) = WebMercator.Forward(extent.MinX, south);
        (MaxX, MaxY) = WebMercator.Forward(extent.MaxX, north);
        // Mercator stretches ground distances by 1 / cos(latitude); scaling by the centre's factor makes cells true to size there.
        UnitsPerMetre = 1 / Math.Cos((south + north) / 2 * Radians);
    }

    public double MinX { get; }
    public double MinY { get; }
    public double MaxX { get; }
    public double MaxY { get; }

    /// <summary>Mercator units per ground metre at the extent's central latitude.</summary>
    public double UnitsPerMetre { get; }

    /// <summary>Whether a cell with this Mercator bounding box overlaps the extent (<see cref="GridExtent.Overlaps"/>).</summary>
    public bool Overlaps(double minX, double minY, double maxX, double maxY) =>
        GridExtent.Overlaps(minX, maxX, MinX, MaxX) && GridExtent.Overlaps(minY, maxY, MinY, MaxY);

    public static Coordinate ToLonLat(double x, double y)
    {
        var (lon, lat) = WebMercator.Inverse(x, y);
        return new Coordinate(lon, lat);
    }

    /// <summary>The lon/lat envelope of a Mercator box (Mercator is monotonic on both axes, so corners map to corners).</summary>
    public static Envelope ToLonLat(double minX, double minY, double maxX, double maxY)
    {
        var (west, south) = WebMercator.Inverse(minX, minY);
        var (east, north) = WebMercator.Inverse(maxX, maxY);
        return new Envelope(west, east, south, north);
    }
}
