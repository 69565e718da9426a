using NetTopologySuite.Geometries;

namespace Mesa.Processing.Workload;

/// <summary>A row of tbl_geocode_object: one analysis cell.</summary>
/// <param name="Geometry">In EPSG:4326; an empty geometry where the row's geometry is null.</param>
/// <param name="Wkb">The geometry as the table stores it, when read from one: outputs carry the cell exactly as given.</param>
public sealed record GeocodeObject(string Code, long RefGeocodeGroup, string NameGisGeocodeGroup, Geometry Geometry, byte[]? Wkb = null);
