using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>A generator of analysis cells (tbl_geocode_object rows) that tile the plane and cover an extent.</summary>
public interface ICellGrid
{
    /// <summary>The <c>name_gis_geocodegroup</c> MESA would give this grid, e.g. <c>QDGC_L6</c> or <c>hex_500m</c>.</summary>
    string DefaultGroupName { get; }

    /// <summary>
    /// The cells that overlap <paramref name="extent"/> (lon/lat degrees, west to east without crossing the
    /// antimeridian), as EPSG:4326 polygons. Cells are built one at a time as the sequence is enumerated, south to
    /// north and west to east, with codes that are unique and the same on every run.
    /// </summary>
    /// <param name="keep">
    /// Called with each cell's lon/lat envelope before its polygon is built; cells it answers false for are skipped
    /// (e.g. cells far from any asset). Null keeps every cell.
    /// </param>
    /// <exception cref="ArgumentException">The extent is null or outside -180..180 / -90..90 (thrown on the call, not on enumeration).</exception>
    IEnumerable<GeocodeObject> Cover(Envelope extent, string nameGisGeocodeGroup, long refGeocodeGroup, Func<Envelope, bool>? keep = null);
}
