namespace Mesa.Processing.Geodesy;

/// <summary>
/// The series of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43-55, truncated at
/// order 6 in eps (and n) as GeographicLib does for doubles. eps = k^2 / (2 (1 + sqrt(1 + k^2))
/// + k^2) with k^2 = e'^2 cos^2(alpha0) is the expansion parameter of one geodesic.
/// </summary>
/// <remarks>
/// The coefficients that depend on the ellipsoid only through n (A3, C3, C4) are evaluated
/// once for WGS84; each row below lists a coefficient of eps^j as a polynomial in n, lowest
/// power first, over its denominator.
/// </remarks>
internal static class GeodesicSeries
{
    public const int Order = 6;

    private static readonly double[] A3 =
    [
        1,
        Poly(-1, 1) / 2,
        Poly(-2, -1, 3) / 8,
        Poly(-1, -3, -1) / 16,
        Poly(-3, -2) / 64,
        -3.0 / 128,
    ];

    // C3[l][j], l = 1..5, coefficient of eps^j for j = l..5 (smaller j unused).
    private static readonly double[][] C3 =
    [
        [],
        [0, Poly(1, -1) / 4, Poly(1, 0, -1) / 8, Poly(3, 3, -1) / 64, Poly(5, 2) / 128, 3.0 / 128],
        [0, 0, Poly(2, -3, 1) / 32, Poly(3, -2, -3) / 64, Poly(3, 1) / 128, 5.0 / 256],
        [0, 0, 0, Poly(5, -9, 5) / 192, Poly(9, -10) / 384, 7.0 / 512],
        [0, 0, 0, 0, Poly(7, -14) / 512, 7.0 / 512],
        [0, 0, 0, 0, 0, 21.0 / 2560],
    ];

    // C4[l][j], l = 0..5, coefficient of eps^j for j = l..5 (smaller j unused).
    private static readonly double[][] C4 =
    [
        [
            Poly(30030, -12012, 3432, 572, 208, 100) / 45045,
            Poly(-3003, 6864, -4576, 624, 64) / 15015,
            Poly(-858, -4576, 14144, -10656) / 45045,
            Poly(1573, -4784, -224) / 45045,
            Poly(156, 1088) / 45045,
            97.0 / 15015,
        ],
        [
            0,
            Poly(3003, -6864, 4576, -624, -64) / 135135,
            Poly(-2574, 9152, -11648, 5952) / 135135,
            Poly(-1287, 1040, 5792) / 135135,
            Poly(468, -2944) / 135135,
            1.0 / 9009,
        ],
        [0, 0, Poly(1716, -4576, 4160, -1440) / 225225, Poly(-1144, 4992, -8448) / 225225, Poly(-936, 1856) / 225225, 8.0 / 10725],
        [0, 0, 0, Poly(1144, -3328, 3584) / 315315, Poly(-208, 1024) / 105105, -136.0 / 63063],
        [0, 0, 0, 0, Poly(832, -2560) / 405405, -128.0 / 135135],
        [0, 0, 0, 0, 0, 128.0 / 99099],
    ];

    /// <summary>A1 - 1: the mean of dI1/dsigma (distance integral) minus one.</summary>
    public static double A1m1(double eps)
    {
        double e2 = eps * eps;
        double t = e2 * (1.0 / 4 + e2 * (1.0 / 64 + e2 / 256));
        return (t + eps) / (1 - eps);
    }

    /// <summary>C1[1..6], the Fourier coefficients of the distance integral I1.</summary>
    public static void C1(double eps, Span<double> c)
    {
        double e2 = eps * eps;
        double d = eps;
        c[1] = d * (-1.0 / 2 + e2 * (3.0 / 16 - e2 / 32));
        d *= eps;
        c[2] = d * (-1.0 / 16 + e2 * (1.0 / 32 - e2 * 9 / 2048));
        d *= eps;
        c[3] = d * (-1.0 / 48 + e2 * 3 / 256);
        d *= eps;
        c[4] = d * (-5.0 / 512 + e2 * 3 / 512);
        d *= eps;
        c[5] = d * (-7.0 / 1280);
        d *= eps;
        c[6] = d * (-7.0 / 2048);
    }

    /// <summary>A2 - 1: the mean of dI2/dsigma (reduced-length integral) minus one.</summary>
    public static double A2m1(double eps)
    {
        double e2 = eps * eps;
        double t = -e2 * (3.0 / 4 + e2 * (7.0 / 64 + e2 * 11 / 256));
        return (t - eps) / (1 + eps);
    }

    /// <summary>C2[1..6], the Fourier coefficients of I2.</summary>
    public static void C2(double eps, Span<double> c)
    {
        double e2 = eps * eps;
        double d = eps;
        c[1] = d * (1.0 / 2 + e2 * (1.0 / 16 + e2 / 32));
        d *= eps;
        c[2] = d * (3.0 / 16 + e2 * (1.0 / 32 + e2 * 35 / 2048));
        d *= eps;
        c[3] = d * (5.0 / 48 + e2 * 5 / 256);
        d *= eps;
        c[4] = d * (35.0 / 512 + e2 * 7 / 512);
        d *= eps;
        c[5] = d * (63.0 / 1280);
        d *= eps;
        c[6] = d * (77.0 / 2048);
    }

    /// <summary>A3 for WGS84: the mean of the longitude integral I3.</summary>
    public static double A3f(double eps)
    {
        double y = 0;
        for (int j = Order - 1; j >= 0; j--)
        {
            y = y * eps + A3[j];
        }
        return y;
    }

    /// <summary>C3[1..5] for WGS84, the Fourier coefficients of I3.</summary>
    public static void C3f(double eps, Span<double> c) => Evaluate(C3, 1, eps, c);

    /// <summary>C4[0..5] for WGS84, the Fourier coefficients of the area integral I4.</summary>
    public static void C4f(double eps, Span<double> c) => Evaluate(C4, 0, eps, c);

    /// <summary>Sum of c[k] sin(2 k x) for k = 1..c.Length-1 (Clenshaw).</summary>
    public static double SinSeries(double sinx, double cosx, ReadOnlySpan<double> c)
    {
        double alpha = 2 * (cosx - sinx) * (cosx + sinx); // 2 cos(2x)
        double b1 = 0, b2 = 0;
        for (int k = c.Length - 1; k >= 1; k--)
        {
            double b = alpha * b1 - b2 + c[k];
            b2 = b1;
            b1 = b;
        }
        return 2 * sinx * cosx * b1;
    }

    /// <summary>Sum of c[k] cos((2 k + 1) x) for k = 0..c.Length-1 (Clenshaw).</summary>
    public static double CosSeries(double sinx, double cosx, ReadOnlySpan<double> c)
    {
        double alpha = 2 * (cosx - sinx) * (cosx + sinx);
        double b1 = 0, b2 = 0;
        for (int k = c.Length - 1; k >= 0; k--)
        {
            double b = alpha * b1 - b2 + c[k];
            b2 = b1;
            b1 = b;
        }
        return cosx * (b1 - b2);
    }

    private static void Evaluate(double[][] table, int first, double eps, Span<double> c)
    {
        double power = 1;
        for (int l = 0; l < first; l++)
        {
            power *= eps;
        }
        for (int l = first; l < table.Length; l++)
        {
            double[] row = table[l];
            double y = 0;
            for (int j = Order - 1; j >= l; j--)
            {
                y = y * eps + row[j];
            }
            c[l] = power * y;
            power *= eps;
        }
    }

    /// <summary>Polynomial in WGS84's n, coefficients lowest power first.</summary>
    private static double Poly(params ReadOnlySpan<double> ascending)
    {
        double y = 0;
        for (int i = ascending.Length - 1; i >= 0; i--)
        {
            y = y * Wgs84.N + ascending[i];
        }
        return y;
    }
}
