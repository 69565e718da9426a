using NetTopologySuite.Geometries;

namespace Mesa.Processing.Import;

/// <summary>One row of a GeoPackage feature layer.</summary>
/// <param name="Fid">The row's integer primary key.</param>
/// <param name="Geometry">In the layer's CRS; null when the row's geometry is null or empty.</param>
/// <param name="Attributes">The other columns in table order; values are SQLite's (long, double, string, byte[]) or null.</param>
public sealed record GeoPackageFeature(long Fid, Geometry? Geometry, IReadOnlyList<KeyValuePair<string, object?>> Attributes);
