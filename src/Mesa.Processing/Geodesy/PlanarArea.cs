using NetTopologySuite.Geometries;

namespace Mesa.Processing.Geodesy;

/// <summary>
/// Planar area of a lon/lat geometry after projecting every vertex, computed the way PostGIS
/// <c>ST_Area(ST_Transform(g, srid))</c> does: per polygon |shell| minus the |holes|, summed
/// over the parts of multi-geometries and collections; points and lines count zero.
/// </summary>
internal static class PlanarArea
{
    public static double Of<TProjection>(Geometry geometry)
        where TProjection : IPlanarProjection
    {
        switch (geometry)
        {
            case Polygon polygon:
                double area = OfShell<TProjection>(polygon.ExteriorRing.CoordinateSequence);
                foreach (var hole in polygon.InteriorRings)
                {
                    area -= Math.Abs(SignedRingArea<TProjection>(hole.CoordinateSequence));
                }
                return area;
            case GeometryCollection collection:
                double sum = 0;
                for (int i = 0; i < collection.NumGeometries; i++)
                {
                    sum += Of<TProjection>(collection.GetGeometryN(i));
                }
                return sum;
            default:
                return 0;
        }
    }

    /// <summary>The area of a polygon whose only ring is the closed ring <paramref name="shell"/>.</summary>
    public static double OfShell<TProjection>(CoordinateSequence shell)
        where TProjection : IPlanarProjection =>
        Math.Abs(SignedRingArea<TProjection>(shell));

    /// <summary>Shoelace sum over a closed ring, counter-clockwise positive.</summary>
    /// <remarks>
    /// x is taken relative to the first vertex: projected coordinates are millions of metres,
    /// so products of raw coordinates would lose the digits a 1 m^2 threshold needs.
    /// </remarks>
    private static double SignedRingArea<TProjection>(CoordinateSequence ring)
        where TProjection : IPlanarProjection
    {
        int n = ring.Count;
        if (n < 3)
        {
            return 0;
        }
        var (x0, yPrev) = TProjection.Forward(ring.GetX(0), ring.GetY(0));
        var (x, y) = TProjection.Forward(ring.GetX(1), ring.GetY(1));
        double sum = 0;
        for (int i = 2; i < n; i++)
        {
            var (xNext, yNext) = TProjection.Forward(ring.GetX(i), ring.GetY(i));
            sum += (x - x0) * (yNext - yPrev);
            yPrev = y;
            x = xNext;
            y = yNext;
        }
        return sum / 2;
    }
}
