namespace Mesa.Processing.Geodesy;

/// <summary>A forward map from EPSG:4326 degrees to planar metres.</summary>
/// <remarks>
/// Static abstract so that <see cref="PlanarArea"/> is specialised per projection by the JIT:
/// no delegate call and no allocation per vertex.
/// </remarks>
internal interface IPlanarProjection
{
    static abstract (double X, double Y) Forward(double lon, double lat);
}
