using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>Checks of the extent a grid is asked to cover, and the overlap rule every grid applies to its cells.</summary>
internal static class GridExtent
{
    /// <exception cref="ArgumentException">The extent is null or not within -180..180 / -90..90.</exception>
    public static void Validate(Envelope extent)
    {
        ArgumentNullException.ThrowIfNull(extent);
        if (extent.IsNull || extent.MinX < -180 || extent.MaxX > 180 || extent.MinY < -90 || extent.MaxY > 90)
            throw new ArgumentException($"The extent {extent} must be a non-empty lon/lat box within -180..180, -90..90.", nameof(extent));
    }

    /// <summary>
    /// Whether a cell spanning [lo, hi] overlaps the extent's [min, max] on one axis: interiors must overlap so
    /// that cells merely touching the extent's edge stay out, unless the extent has no width there (a point or a
    /// line still gets the cells it lies in).
    /// </summary>
    public static bool Overlaps(double lo, double hi, double min, double max) =>
        min < max ? lo < max && hi > min : lo <= max && hi >= min;
}
