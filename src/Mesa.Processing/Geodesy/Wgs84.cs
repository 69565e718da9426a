namespace Mesa.Processing.Geodesy;

/// <summary>The WGS84 ellipsoid and the derived constants Karney's geodesic algorithms use.</summary>
internal static class Wgs84
{
    public const double A = 6378137.0;
    public const double F = 1.0 / 298.257223563;
    public const double F1 = 1.0 - F;

    /// <summary>Semi-minor axis b = a (1 - f).</summary>
    public const double B = A * F1;

    /// <summary>First eccentricity squared, e^2 = f (2 - f).</summary>
    public const double E2 = F * (2.0 - F);

    /// <summary>Second eccentricity squared, e'^2 = e^2 / (1 - e^2).</summary>
    public const double Ep2 = E2 / (F1 * F1);

    /// <summary>Third flattening n = f / (2 - f), the expansion parameter of the series.</summary>
    public const double N = F / (2.0 - F);

    /// <summary>Authalic radius squared: the whole ellipsoid has area 4 pi c^2.</summary>
    public static readonly double C2 = (A * A + B * B * Math.Atanh(Math.Sqrt(E2)) / Math.Sqrt(E2)) / 2.0;
}
