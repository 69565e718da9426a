using NetTopologySuite.Geometries;

namespace Mesa.Processing.Geodesy;

/// <summary>
/// EPSG:3857 "Pseudo-Mercator": spherical Mercator on a sphere of radius 6378137 m. The spec
/// measures the 1 m^2 overlap rule of the intersect stage in this projection.
/// </summary>
/// <remarks>
/// No latitude clamping: PROJ and PostGIS do not clamp either (they reject |lat| = 90), and
/// the area rule only ever sees cell/asset intersections far from the poles.
/// </remarks>
public static class WebMercator
{
    /// <summary>Sphere radius of EPSG:3857, the WGS84 semi-major axis.</summary>
    public const double Radius = 6378137.0;

    private const double Radians = Math.PI / 180.0;

    /// <summary>Projects EPSG:4326 degrees to EPSG:3857 metres.</summary>
    public static (double X, double Y) Forward(double lon, double lat)
    {
        // asinh(tan(phi)) equals ln(tan(pi/4 + phi/2)); it is the form PROJ 9 evaluates.
        return (Radius * (lon * Radians), Radius * Math.Asinh(Math.Tan(lat * Radians)));
    }

    /// <summary>Unprojects EPSG:3857 metres to EPSG:4326 degrees; the inverse of <see cref="Forward"/>.</summary>
    public static (double Lon, double Lat) Inverse(double x, double y) =>
        (x / Radius / Radians, Math.Atan(Math.Sinh(y / Radius)) / Radians);

    /// <summary>
    /// Planar EPSG:3857 area (m^2) of a lon/lat geometry, as
    /// <c>ST_Area(ST_Transform(g, 3857))</c>; projects vertices on the fly without building a
    /// new geometry.
    /// </summary>
    public static double Area(Geometry geometry) => PlanarArea.Of<Projection>(geometry);

    private readonly struct Projection : IPlanarProjection
    {
        public static (double X, double Y) Forward(double lon, double lat) => WebMercator.Forward(lon, lat);
    }
}
