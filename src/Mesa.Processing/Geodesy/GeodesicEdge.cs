using static Mesa.Processing.Geodesy.DegreeMath;
using static Mesa.Processing.Geodesy.GeodesicSeries;
using static Mesa.Processing.Geodesy.Wgs84;

namespace Mesa.Processing.Geodesy;

/// <summary>
/// The area term S12 of one geodesic edge on WGS84: the area between the geodesic from
/// point 1 to point 2 and the equator, as GeographicLib's inverse solution returns it.
/// </summary>
/// <remarks>
/// Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43-55: the inverse problem is
/// solved on the auxiliary sphere by Newton's method on the azimuth alpha1 (sections 3-5,
/// with the astroid starting guess for nearly antipodal points), then S12 = c^2 (alpha2 -
/// alpha1) + a^2 e^2 cos(alpha0) sin(alpha0) (I4(sigma2) - I4(sigma1)) (section 6, eq. 58-59).
/// Only WGS84 is needed, so the branches GeographicLib keeps for prolate ellipsoids are left
/// out. Distances and azimuths are not returned because PostGIS's area does not use them.
/// </remarks>
internal static class GeodesicEdge
{
    private const double Tol0 = 2.220446049250313e-16; // double machine epsilon, 2^-52
    private const double Tol1 = 200 * Tol0;
    private const int MaxNewton = 20;
    private const int MaxIterations = MaxNewton + 53 + 10;

    private static readonly double Tiny = Math.Sqrt(2.2250738585072014e-308); // sqrt(min normal)
    private static readonly double Tol2 = Math.Sqrt(Tol0);
    private static readonly double TolBisect = Tol0 * Tol2;
    private static readonly double XThreshold = 1000 * Tol2;

    // Below this sigma12 the short-line spherical solution is exact to round-off (GeographicLib's etol2).
    private static readonly double ShortLineSigma =
        0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(F)) * Math.Min(1.0, 1 - F / 2) / 2);

    /// <summary>S12 in m^2 for the geodesic from (lat1, lon1) to (lat2, lon2), degrees.</summary>
    public static double Area(double lat1, double lon1, double lat2, double lon2)
    {
        // Bring the problem to 0 <= lon12 <= 180, lat1 <= 0, lat1 <= lat2 <= -lat1, remembering
        // the signs to undo; the algorithm is written for that canonical case.
        double lon12 = Difference(lon1, lon2, out double lon12s);
        int lonSign = double.IsNegative(lon12) ? -1 : 1;
        lon12 = lonSign * DegreeMath.Round(lon12);
        lon12s = DegreeMath.Round((180 - lon12) - lonSign * lon12s);
        double lam12 = lon12 * Radians;
        double slam12, clam12;
        if (lon12 > 90)
        {
            // sin/cos from the supplement keep precision near 180.
            SinCos(lon12s, out slam12, out clam12);
            clam12 = -clam12;
        }
        else
        {
            SinCos(lon12, out slam12, out clam12);
        }

        lat1 = DegreeMath.Round(CheckLatitude(lat1));
        lat2 = DegreeMath.Round(CheckLatitude(lat2));
        int swap = Math.Abs(lat1) < Math.Abs(lat2) || double.IsNaN(lat2) ? -1 : 1;
        if (swap < 0)
        {
            lonSign = -lonSign;
            (lat1, lat2) = (lat2, lat1);
        }
        int latSign = double.IsNegative(lat1) ? 1 : -1;
        lat1 *= latSign;
        lat2 *= latSign;

        // Reduced latitudes beta on the auxiliary sphere; cos kept positive at the poles.
        SinCos(lat1, out double sbet1, out double cbet1);
        sbet1 *= F1;
        NormalizeSinCos(ref sbet1, ref cbet1);
        cbet1 = Math.Max(Tiny, cbet1);
        SinCos(lat2, out double sbet2, out double cbet2);
        sbet2 *= F1;
        NormalizeSinCos(ref sbet2, ref cbet2);
        cbet2 = Math.Max(Tiny, cbet2);

        // Force |bet2| = |bet1| exactly when round-off would make them differ by an ulp.
        if (cbet1 < -sbet1)
        {
            if (cbet2 == cbet1)
            {
                sbet2 = Math.CopySign(sbet1, sbet2);
            }
        }
        else if (Math.Abs(sbet2) == -sbet1)
        {
            cbet2 = cbet1;
        }

        double dn1 = Math.Sqrt(1 + Ep2 * sbet1 * sbet1);
        double dn2 = Math.Sqrt(1 + Ep2 * sbet2 * sbet2);

        double salp1, calp1, salp2, calp2;
        double omg12 = 0, somg12 = 2, comg12 = 0; // somg12 > 1: not computed yet
        bool meridian = lat1 == -90 || slam12 == 0;
        if (meridian)
        {
            // Both points on one meridian: on an oblate ellipsoid the meridian is the
            // shortest path, so it is the geodesic.
            salp1 = slam12;
            calp1 = clam12;
            salp2 = 0;
            calp2 = 1;
        }
        else if (sbet1 == 0 && lon12s >= F * 180)
        {
            // Both on the equator and not so far apart that the geodesic leaves it.
            salp1 = salp2 = 1;
            calp1 = calp2 = 0;
            omg12 = lam12 / F1;
        }
        else
        {
            double sig12 = InverseStart(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12,
                out salp1, out calp1, out salp2, out calp2, out double dnm);
            if (sig12 >= 0)
            {
                omg12 = lam12 / (F1 * dnm);
            }
            else
            {
                double domg12 = SolveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12,
                    ref salp1, ref calp1, out salp2, out calp2);
                var (sdomg12, cdomg12) = Math.SinCos(domg12);
                somg12 = slam12 * cdomg12 - clam12 * sdomg12;
                comg12 = clam12 * cdomg12 + slam12 * sdomg12;
            }
        }

        double s12 = EllipsoidalCorrection(sbet1, cbet1, sbet2, cbet2, salp1, calp1, calp2);

        if (!meridian && somg12 > 1)
        {
            (somg12, comg12) = Math.SinCos(omg12);
        }
        double alp12;
        if (!meridian && comg12 > -0.7071 && sbet2 - sbet1 < 1.75)
        {
            // tan(alp12/2) from omg12 and the betas: accurate for short edges where
            // alp2 - alp1 would cancel.
            double domg12 = 1 + comg12, dbet1 = 1 + cbet1, dbet2 = 1 + cbet2;
            alp12 = 2 * Math.Atan2(somg12 * (sbet1 * dbet2 + sbet2 * dbet1),
                domg12 * (sbet1 * sbet2 + dbet1 * dbet2));
        }
        else
        {
            double salp12 = salp2 * calp1 - calp2 * salp1;
            double calp12 = calp2 * calp1 + salp2 * salp1;
            if (salp12 == 0 && calp12 < 0)
            {
                // alp12 = +-180: take the sign from alp1 rather than from a signed zero.
                salp12 = Tiny * calp1;
                calp12 = -1;
            }
            alp12 = Math.Atan2(salp12, calp12);
        }
        s12 += Wgs84.C2 * alp12;
        return s12 * (swap * lonSign * latSign) + 0.0;
    }

    /// <summary>a^2 e^2 cos(alpha0) sin(alpha0) (I4(sigma2) - I4(sigma1)), Karney eq. 59.</summary>
    private static double EllipsoidalCorrection(double sbet1, double cbet1, double sbet2, double cbet2,
        double salp1, double calp1, double calp2)
    {
        double salp0 = salp1 * cbet1;
        double calp0 = double.Hypot(calp1, salp1 * sbet1);
        if (calp0 == 0 || salp0 == 0)
        {
            // Meridians and the equator: sigma is indeterminate there and the term vanishes.
            return 0;
        }
        double ssig1 = sbet1, csig1 = calp1 * cbet1;
        double ssig2 = sbet2, csig2 = calp2 * cbet2;
        NormalizeSinCos(ref ssig1, ref csig1);
        NormalizeSinCos(ref ssig2, ref csig2);
        double eps = Epsilon(calp0);
        Span<double> c = stackalloc double[Order];
        C4f(eps, c);
        double a4 = A * A * calp0 * salp0 * E2;
        return a4 * (CosSeries(ssig2, csig2, c) - CosSeries(ssig1, csig1, c));
    }

    /// <summary>
    /// Newton's method on alpha1 for lambda12(alpha1) = lam12, kept inside a bracket that
    /// shrinks with every evaluation; bisects when a Newton step leaves it. Returns the
    /// longitude correction domg12 = omg12 - lam12 of the final evaluation.
    /// </summary>
    private static double SolveAzimuth(double sbet1, double cbet1, double dn1,
        double sbet2, double cbet2, double dn2, double slam12, double clam12,
        ref double salp1, ref double calp1, out double salp2, out double calp2)
    {
        double salp1a = Tiny, calp1a = 1, salp1b = Tiny, calp1b = -1;
        bool tripNewton = false, tripBisect = false;
        double domg12 = 0;
        salp2 = calp2 = 0;
        for (int it = 0; it < MaxIterations; it++)
        {
            double v = Lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12,
                out salp2, out calp2, out domg12, it < MaxNewton, out double dv);
            // 2 Tol0 is about one ulp of an angle in [0, pi]; written to let NaN escape.
            if (tripBisect || !(Math.Abs(v) >= (tripNewton ? 8 : 1) * Tol0))
            {
                break;
            }
            if (v > 0 && (it > MaxNewton || calp1 / salp1 > calp1b / salp1b))
            {
                salp1b = salp1;
                calp1b = calp1;
            }
            else if (v < 0 && (it > MaxNewton || calp1 / salp1 < calp1a / salp1a))
            {
                salp1a = salp1;
                calp1a = calp1;
            }
            if (it < MaxNewton && dv > 0)
            {
                double dalp1 = -v / dv;
                if (Math.Abs(dalp1) < Math.PI)
                {
                    var (sdalp1, cdalp1) = Math.SinCos(dalp1);
                    double nsalp1 = salp1 * cdalp1 + calp1 * sdalp1;
                    if (nsalp1 > 0)
                    {
                        calp1 = calp1 * cdalp1 - salp1 * sdalp1;
                        salp1 = nsalp1;
                        NormalizeSinCos(ref salp1, ref calp1);
                        // Near-zero slopes lose quadratic convergence: accept a few ulps then.
                        tripNewton = Math.Abs(v) <= 16 * Tol0;
                        continue;
                    }
                }
            }
            salp1 = (salp1a + salp1b) / 2;
            calp1 = (calp1a + calp1b) / 2;
            NormalizeSinCos(ref salp1, ref calp1);
            tripNewton = false;
            tripBisect = Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolBisect
                || Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolBisect;
        }
        return domg12;
    }

    /// <summary>
    /// The longitude error lambda12(alpha1) - lam12 of the geodesic leaving point 1 at
    /// azimuth alpha1, with its derivative when <paramref name="wantDerivative"/> is set
    /// (Karney eqs. 7-8, 33, 38).
    /// </summary>
    private static double Lambda12(double sbet1, double cbet1, double dn1,
        double sbet2, double cbet2, double dn2, double salp1, double calp1,
        double slam120, double clam120, out double salp2, out double calp2, out double domg12,
        bool wantDerivative, out double dlam12)
    {
        if (sbet1 == 0 && calp1 == 0)
        {
            // Break the degeneracy of the equatorial line (handled by the caller).
            calp1 = -Tiny;
        }
        double salp0 = salp1 * cbet1;
        double calp0 = double.Hypot(calp1, salp1 * sbet1);

        // tan(bet1) = tan(sig1) cos(alp1); tan(omg1) = sin(alp0) tan(sig1).
        double ssig1 = sbet1, somg1 = salp0 * sbet1;
        double csig1 = calp1 * cbet1, comg1 = csig1;
        NormalizeSinCos(ref ssig1, ref csig1);

        // sin(alp2) cos(bet2) = sin(alp0); calp2 written to avoid cancellation.
        salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
        calp2 = cbet2 != cbet1 || Math.Abs(sbet2) != -sbet1
            ? Math.Sqrt(calp1 * cbet1 * (calp1 * cbet1)
                + (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2))) / cbet2
            : Math.Abs(calp1);
        double ssig2 = sbet2, somg2 = salp0 * sbet2;
        double csig2 = calp2 * cbet2, comg2 = csig2;
        NormalizeSinCos(ref ssig2, ref csig2);

        double sig12 = Math.Atan2(Math.Max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2);
        double somg12 = Math.Max(0, comg1 * somg2 - somg1 * comg2);
        double comg12 = comg1 * comg2 + somg1 * somg2;
        // eta = omg12 - lam120
        double eta = Math.Atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);

        double eps = Epsilon(calp0);
        Span<double> c = stackalloc double[Order];
        C3f(eps, c);
        double b312 = SinSeries(ssig2, csig2, c) - SinSeries(ssig1, csig1, c);
        domg12 = -F * A3f(eps) * salp0 * (sig12 + b312);

        dlam12 = 0;
        if (wantDerivative)
        {
            dlam12 = calp2 == 0
                ? -2 * F1 * dn1 / sbet1
                : ReducedLength(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2) * F1 / (calp2 * cbet2);
        }
        return eta + domg12;
    }

    /// <summary>Reduced length m12 / b (Karney eq. 38 via I1 and I2), the Newton slope.</summary>
    private static double ReducedLength(double eps, double sig12,
        double ssig1, double csig1, double dn1, double ssig2, double csig2, double dn2)
    {
        Span<double> c1 = stackalloc double[Order + 1];
        Span<double> c2 = stackalloc double[Order + 1];
        double a1m1 = A1m1(eps);
        double a2m1 = A2m1(eps);
        C1(eps, c1);
        C2(eps, c2);
        double a1 = 1 + a1m1, a2 = 1 + a2m1;
        for (int l = 1; l <= Order; l++)
        {
            c1[l] = a1 * c1[l] - a2 * c2[l];
        }
        double j12 = (a1m1 - a2m1) * sig12 + (SinSeries(ssig2, csig2, c1) - SinSeries(ssig1, csig1, c1));
        // Parentheses keep the cancellation exact for coincident points.
        return dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12;
    }

    /// <summary>
    /// Starting alpha1 for Newton (Karney section 4). Returns sigma12 when the short-line
    /// spherical solution is already exact (and sets alpha2 and dnm), otherwise -1.
    /// </summary>
    private static double InverseStart(double sbet1, double cbet1, double sbet2, double cbet2,
        double lam12, double slam12, double clam12,
        out double salp1, out double calp1, out double salp2, out double calp2, out double dnm)
    {
        double sig12 = -1;
        salp2 = calp2 = dnm = 0;
        // bet12 = bet2 - bet1 in [0, pi); bet12a = bet2 + bet1 in (-pi, 0]
        double sbet12 = sbet2 * cbet1 - cbet2 * sbet1;
        double cbet12 = cbet2 * cbet1 + sbet2 * sbet1;
        double sbet12a = sbet2 * cbet1 + cbet2 * sbet1;
        bool shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        if (shortLine)
        {
            // Scale the longitude by the mid-latitude radius of curvature.
            double sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2);
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2);
            dnm = Math.Sqrt(1 + Ep2 * sbetm2);
            (somg12, comg12) = Math.SinCos(lam12 / (F1 * dnm));
        }
        else
        {
            somg12 = slam12;
            comg12 = clam12;
        }

        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12);
        double ssig12 = double.Hypot(salp1, calp1);
        double csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12;

        if (shortLine && ssig12 < ShortLineSigma)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12);
            NormalizeSinCos(ref salp2, ref calp2);
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (!(Math.Abs(N) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.Abs(N) * Math.PI * cbet1 * cbet1))
        {
            // Nearly antipodal: the spherical guess is poor, use the astroid solution in
            // coordinates scaled so the antipode is the origin and the cut is y = 0, x >= -1.
            double lam12x = Math.Atan2(-slam12, -clam12); // lam12 - pi
            double lamScale = F * cbet1 * A3f(Epsilon(sbet1)) * Math.PI;
            double betScale = lamScale * cbet1;
            double x = lam12x / lamScale;
            double y = sbet12a / betScale;
            if (y > -Tol1 && x > -1 - XThreshold)
            {
                salp1 = Math.Min(1.0, -x);
                calp1 = -Math.Sqrt(1 - salp1 * salp1);
            }
            else
            {
                double k = Astroid(x, y);
                double omg12a = lamScale * (-x * k / (1 + k));
                (somg12, comg12) = Math.SinCos(omg12a);
                comg12 = -comg12;
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12);
            }
        }

        if (!(salp1 <= 0))
        {
            NormalizeSinCos(ref salp1, ref calp1);
        }
        else
        {
            salp1 = 1;
            calp1 = 0;
        }
        return sig12;
    }

    /// <summary>
    /// The positive root k of k^4 + 2k^3 - (x^2 + y^2 - 1) k^2 - 2 y^2 k - y^2 = 0 (Karney
    /// eq. 55), arranged to avoid cancellation.
    /// </summary>
    private static double Astroid(double x, double y)
    {
        double p = x * x, q = y * y;
        double r = (p + q - 1) / 6;
        if (q == 0 && r <= 0)
        {
            return 0;
        }
        double s = p * q / 4; // r^3 times the s of the cubic
        double r2 = r * r, r3 = r * r2;
        double disc = s * (s + 2 * r3);
        double u = r;
        if (disc >= 0)
        {
            double t3 = s + r3;
            // The sign of the root that maximises |t3| avoids cancellation.
            t3 += t3 < 0 ? -Math.Sqrt(disc) : Math.Sqrt(disc);
            double t = Math.Cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        }
        else
        {
            double ang = Math.Atan2(Math.Sqrt(-disc), -(s + r3));
            u += 2 * r * Math.Cos(ang / 3);
        }
        double v = Math.Sqrt(u * u + q);
        double uv = u < 0 ? q / (v - u) : u + v;
        double w = (uv - q) / (2 * v);
        return uv / (Math.Sqrt(uv + w * w) + w);
    }

    /// <summary>eps from cos(alpha0) (or sin(beta) for the astroid scale), Karney eq. 16.</summary>
    private static double Epsilon(double cosAlpha0)
    {
        double k2 = cosAlpha0 * cosAlpha0 * Ep2;
        return k2 / (2 * (1 + Math.Sqrt(1 + k2)) + k2);
    }

    private static void NormalizeSinCos(ref double sin, ref double cos)
    {
        double r = double.Hypot(sin, cos);
        sin /= r;
        cos /= r;
    }
}
