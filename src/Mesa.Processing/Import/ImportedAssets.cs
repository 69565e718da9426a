using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Import;

/// <summary>The asset side of a workload as MESA's import builds it from one GeoPackage.</summary>
/// <param name="GroupEnvelopes">Bounding box of each group's objects, keyed by group id (tbl_asset_group's geometry).</param>
/// <param name="BufferedPointsAndLines">Features that had point or line parts and were buffered 30 m.</param>
/// <param name="SkippedFeatures">Features left out because their geometry was null, empty or collapsed when repaired.</param>
/// <param name="Extent">Bounding box of all asset objects (null envelope when there are none).</param>
public sealed record ImportedAssets(
    IReadOnlyList<AssetGroup> Groups,
    IReadOnlyList<AssetObject> Objects,
    IReadOnlyDictionary<long, Envelope> GroupEnvelopes,
    int BufferedPointsAndLines,
    int SkippedFeatures,
    Envelope Extent);
