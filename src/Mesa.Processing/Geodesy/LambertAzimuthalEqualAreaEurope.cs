using NetTopologySuite.Geometries;

namespace Mesa.Processing.Geodesy;

/// <summary>
/// EPSG:3035, ETRS89-extended / LAEA Europe: ellipsoidal Lambert azimuthal equal-area on
/// GRS80, centre 52N 10E, false origin 4321000 E / 3210000 N. tbl_flat's <c>area_m2</c> is
/// the planar area of the cell in this projection.
/// </summary>
/// <remarks>
/// Forward formulas of Snyder (1987), "Map Projections: A Working Manual", p. 187-188, which
/// EPSG guidance note 7-2 also uses: latitude goes to authalic latitude beta via q, then the
/// spherical oblique azimuthal equal-area map on the authalic sphere of radius Rq, with the
/// scale factor D restoring true scale along the central parallel. The arithmetic runs on
/// the unit ellipsoid and scales by a at the end, in the order PROJ evaluates it, so results
/// are bit-identical to PostGIS/pyproj: area_m2 is rounded to whole m^2 and a last-bit
/// difference could otherwise flip a cell whose area sits next to .5. ETRS89 and WGS84 are
/// taken as identical, as PROJ's default EPSG:4326 to EPSG:3035 operation does.
/// </remarks>
public static class LambertAzimuthalEqualAreaEurope
{
    private const double SemiMajorAxis = 6378137.0;
    private const double InverseFlattening = 298.257222101;
    private const double FalseEasting = 4321000.0;
    private const double FalseNorthing = 3210000.0;
    private const double Radians = Math.PI / 180.0;
    private const double Phi0 = 52.0 * Radians;
    private const double Lambda0 = 10.0 * Radians;

    private const double Flattening = 1.0 / InverseFlattening;
    private const double E2 = Flattening * 2.0 - Flattening * Flattening;
    private static readonly double E = Math.Sqrt(E2);
    private static readonly double QPole = Q(1.0);
    private static readonly double AuthalicRadius = Math.Sqrt(0.5 * QPole); // Rq / a
    private static readonly double SinBeta0 = Q(Math.Sin(Phi0)) / QPole;
    private static readonly double CosBeta0 = Math.Sqrt(1.0 - SinBeta0 * SinBeta0);
    private static readonly double D = Math.Cos(Phi0)
        / (Math.Sqrt(1.0 - E2 * Math.Sin(Phi0) * Math.Sin(Phi0)) * AuthalicRadius * CosBeta0);
    private static readonly double XScale = AuthalicRadius * D;
    private static readonly double YScale = AuthalicRadius / D;

    /// <summary>Projects EPSG:4326 degrees to EPSG:3035 metres (x = easting, y = northing).</summary>
    public static (double X, double Y) Forward(double lon, double lat)
    {
        double lambda = lon * Radians - Lambda0;
        double sinBeta = Q(Math.Sin(lat * Radians)) / QPole;
        double cosBeta2 = 1.0 - sinBeta * sinBeta;
        double cosBeta = cosBeta2 > 0 ? Math.Sqrt(cosBeta2) : 0;
        double sinLam = Math.Sin(lambda), cosLam = Math.Cos(lambda);
        double b = Math.Sqrt(2.0 / (1.0 + SinBeta0 * sinBeta + CosBeta0 * cosBeta * cosLam));
        double x = XScale * b * cosBeta * sinLam;
        double y = YScale * b * (CosBeta0 * sinBeta - SinBeta0 * cosBeta * cosLam);
        return (SemiMajorAxis * x + FalseEasting, SemiMajorAxis * y + FalseNorthing);
    }

    /// <summary>
    /// Planar EPSG:3035 area (m^2) of a lon/lat geometry, as
    /// <c>ST_Area(ST_Transform(g, 3035))</c>, unrounded.
    /// </summary>
    public static double Area(Geometry geometry) => PlanarArea.Of<Projection>(geometry);

    /// <summary>
    /// tbl_flat's <c>area_m2</c>: <see cref="Area"/> rounded half-to-even to whole square
    /// metres, int64.
    /// </summary>
    public static long AreaM2(Geometry geometry) => RoundAreaM2(Area(geometry));

    /// <summary><see cref="AreaM2(Geometry)"/> of a polygon whose only ring is the closed ring <paramref name="shell"/>.</summary>
    public static long ShellAreaM2(CoordinateSequence shell) => RoundAreaM2(PlanarArea.OfShell<Projection>(shell));

    /// <summary>The spec's rounding of an area to whole m^2: half-to-even, as numpy's round.</summary>
    internal static long RoundAreaM2(double area) => (long)Math.Round(area, MidpointRounding.ToEven);

    /// <summary>Snyder's q(phi) / a^0 from sin(phi) (eq. 3-12), in PROJ's arrangement.</summary>
    private static double Q(double sinPhi)
    {
        double esin = E * sinPhi;
        return (1.0 - E2) * (sinPhi / (1.0 - esin * esin) - 0.5 / E * Math.Log((1.0 - esin) / (1.0 + esin)));
    }

    private readonly struct Projection : IPlanarProjection
    {
        public static (double X, double Y) Forward(double lon, double lat) =>
            LambertAzimuthalEqualAreaEurope.Forward(lon, lat);
    }
}
