using NetTopologySuite.Geometries;

namespace Mesa.Processing.Workload;

/// <summary>A row of tbl_asset_object: one imported asset feature.</summary>
/// <param name="Geometry">In EPSG:4326; an empty geometry where the row's geometry is null.</param>
public sealed record AssetObject(
    long Id,
    string? AssetGroupName,
    string? Attributes,
    bool? Process,
    long RefAssetGroup,
    Geometry Geometry);
