using NetTopologySuite.Geometries;

namespace Mesa.Processing.Synthetic;

/// <summary>
/// The part of the world a synthetic workload lies in: a box of about 260 x 200 km at a random place between
/// 40 S and 60 N, with hotspots where assets cluster so that groups overlap. Shapes drawn in local metres are
/// placed inside it.
/// </summary>
internal sealed class SyntheticRegion
{
    public const double WidthMetres = 260_000;
    public const double HeightMetres = 200_000;

    // Approximate lengths of a degree; shapes only need to look right, not be surveyed.
    private const double MetresPerDegreeLat = 110_574;
    private const double MetresPerDegreeLonAtEquator = 111_320;

    private readonly (double Lon, double Lat, double SigmaMetres)[] _hotspots;

    private SyntheticRegion(Envelope bounds, (double, double, double)[] hotspots)
    {
        Bounds = bounds;
        _hotspots = hotspots;
    }

    public Envelope Bounds { get; }

    public int HotspotCount => _hotspots.Length;

    public static SyntheticRegion Create(Random random)
    {
        double lat = -40 + 100 * random.NextDouble();
        double lon = -20 + 65 * random.NextDouble();
        double halfHeight = HeightMetres / 2 / MetresPerDegreeLat;
        double halfWidth = WidthMetres / 2 / MetresPerDegreeLon(lat);
        var bounds = new Envelope(lon - halfWidth, lon + halfWidth, lat - halfHeight, lat + halfHeight);
        var hotspots = new (double, double, double)[random.Next(6, 15)];
        for (int i = 0; i < hotspots.Length; i++)
        {
            // Hotspot centres keep to the inner 80 % so their clusters are not all cut by the edge.
            hotspots[i] = (bounds.MinX + bounds.Width * (0.1 + 0.8 * random.NextDouble()),
                           bounds.MinY + bounds.Height * (0.1 + 0.8 * random.NextDouble()),
                           4_000 + 11_000 * random.NextDouble());
        }
        return new SyntheticRegion(bounds, hotspots);
    }

    /// <summary>A point normally distributed around a hotspot.</summary>
    public (double Lon, double Lat) Near(Random random, int hotspot)
    {
        var (lon, lat, sigma) = _hotspots[hotspot];
        double distance = sigma * random.Gaussian(), bearing = 2 * Math.PI * random.NextDouble();
        return (lon + distance * Math.Cos(bearing) / MetresPerDegreeLon(lat), lat + distance * Math.Sin(bearing) / MetresPerDegreeLat);
    }

    public (double Lon, double Lat) Anywhere(Random random) =>
        (Bounds.MinX + Bounds.Width * random.NextDouble(), Bounds.MinY + Bounds.Height * random.NextDouble());

    /// <summary>
    /// Moves a shape drawn in local metres around (0, 0) to lon/lat degrees near (<paramref name="lon"/>,
    /// <paramref name="lat"/>), shifted as little as needed to lie wholly inside the region. Changes it in place.
    /// </summary>
    public Geometry Place(Geometry local, double lon, double lat)
    {
        var extent = local.EnvelopeInternal;
        lat = Fit(lat, extent.MinY / MetresPerDegreeLat, extent.MaxY / MetresPerDegreeLat, Bounds.MinY, Bounds.MaxY);
        double metresPerDegreeLon = MetresPerDegreeLon(lat);
        lon = Fit(lon, extent.MinX / metresPerDegreeLon, extent.MaxX / metresPerDegreeLon, Bounds.MinX, Bounds.MaxX);
        local.Apply(new ToDegrees(lon, lat, metresPerDegreeLon, MetresPerDegreeLat));
        return local;
    }

    private static double MetresPerDegreeLon(double lat) => MetresPerDegreeLonAtEquator * Math.Cos(lat * Math.PI / 180);

    /// <summary>The centre nearest <paramref name="centre"/> that keeps [centre + low, centre + high] within [min, max].</summary>
    private static double Fit(double centre, double low, double high, double min, double max) =>
        Math.Max(min - low, Math.Min(max - high, centre));

    private sealed class ToDegrees(double lon, double lat, double metresPerDegreeLon, double metresPerDegreeLat) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, lon + seq.GetX(i) / metresPerDegreeLon);
            seq.SetY(i, lat + seq.GetY(i) / metresPerDegreeLat);
        }
    }
}
