namespace Mesa.Processing.Geodesy;

/// <summary>
/// Angle arithmetic in degrees with exact argument reduction, as Karney's geodesic algorithms
/// need: converting to radians first would spend the last bits that small cells depend on.
/// </summary>
internal static class DegreeMath
{
    public const double Radians = Math.PI / 180.0;

    /// <summary>sin and cos of an angle in degrees.</summary>
    /// <remarks>The remainder by 90 is exact, so quadrants come out exact and the radian
    /// conversion only ever sees [-45, 45].</remarks>
    public static void SinCos(double degrees, out double sin, out double cos)
    {
        double r = Math.IEEERemainder(degrees, 90.0);
        long quadrant = (long)Math.Round((degrees - r) / 90.0);
        var (s, c) = Math.SinCos(r * Radians);
        switch (quadrant & 3)
        {
            case 0: sin = s; cos = c; break;
            case 1: sin = c; cos = -s; break;
            case 2: sin = -s; cos = -c; break;
            default: sin = -c; cos = s; break;
        }
    }

    /// <summary>Reduces a longitude to [-180, 180], keeping the sign of +-180.</summary>
    public static double NormalizeLongitude(double degrees)
    {
        double y = Math.IEEERemainder(degrees, 360.0);
        return Math.Abs(y) == 180.0 ? Math.CopySign(180.0, degrees) : y;
    }

    /// <summary>
    /// y - x reduced to [-180, 180] as an unevaluated sum: result + error is exact.
    /// </summary>
    public static double Difference(double x, double y, out double error)
    {
        double d = TwoSum(Math.IEEERemainder(-x, 360.0), Math.IEEERemainder(y, 360.0), out double t);
        d = TwoSum(Math.IEEERemainder(d, 360.0), t, out t);
        if (d == 0.0 || Math.Abs(d) == 180.0)
        {
            // Pick the sign of an exact half turn or zero from the direction of travel.
            d = Math.CopySign(d, t == 0.0 ? y - x : -t);
        }
        error = t;
        return d;
    }

    /// <summary>
    /// Rounds tiny angles to a multiple of 2^-57 so that values within round-off of zero are
    /// treated as zero (points on the equator, on one meridian).
    /// </summary>
    public static double Round(double degrees)
    {
        const double z = 1.0 / 16.0;
        double y = Math.Abs(degrees);
        // z - (z - y) drops the bits of y below z's ulp.
        y = y < z ? z - (z - y) : y;
        return Math.CopySign(y, degrees);
    }

    /// <summary>Latitude, or NaN outside [-90, 90].</summary>
    public static double CheckLatitude(double degrees) => Math.Abs(degrees) > 90.0 ? double.NaN : degrees;

    /// <summary>Error-free sum: u + v = result + error exactly.</summary>
    public static double TwoSum(double u, double v, out double error)
    {
        double s = u + v;
        double up = s - v;
        double vpp = s - up;
        up -= u;
        vpp -= v;
        error = s != 0.0 ? -(up + vpp) : 0.0;
        return s;
    }
}
