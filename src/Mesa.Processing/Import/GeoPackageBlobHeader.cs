using NetTopologySuite.Geometries;

namespace Mesa.Processing.Import;

/// <summary>The "GP" header in front of the WKB of a GeoPackage geometry blob (GeoPackage 1.x, clause 2.1.3).</summary>
/// <param name="SrsId">The blob's own srs_id.</param>
/// <param name="IsEmpty">The empty-geometry flag.</param>
/// <param name="Envelope">The x/y envelope when the header carries one (Z and M ranges are skipped), else null; null too for a NaN envelope (an empty geometry's).</param>
/// <param name="WkbOffset">Where the WKB starts in the blob.</param>
public sealed record GeoPackageBlobHeader(int SrsId, bool IsEmpty, Envelope? Envelope, int WkbOffset);
