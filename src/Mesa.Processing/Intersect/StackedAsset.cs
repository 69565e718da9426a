using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Mesa.Processing.Intersect;

/// <summary>
/// An asset object joined with its asset group (<c>ref_asset_group = id</c>): everything a
/// tbl_stacked row takes from the asset side, plus the geometry prepared for repeated tests.
/// </summary>
public sealed class StackedAsset
{
    private IPreparedGeometry? _prepared;

    public StackedAsset(int index, AssetObject asset, AssetGroup group)
    {
        Index = index;
        Asset = asset;
        Group = group;
        // Only a geometry that is exactly a Point follows the containment rule; MultiPoint follows the area rule.
        IsPoint = asset.Geometry is Point { IsEmpty: false };
    }

    /// <summary>Position in tbl_asset_object order; stacked rows of one cell follow it.</summary>
    public int Index { get; }

    public AssetObject Asset { get; }

    public AssetGroup Group { get; }

    public Geometry Geometry => Asset.Geometry;

    public bool IsPoint { get; }

    /// <summary>
    /// The geometry prepared (indexed edges, point-in-area cache) on first use: an asset is tested
    /// against every cell its envelope touches, often thousands. Safe to call from several threads;
    /// a race only prepares twice.
    /// </summary>
    public IPreparedGeometry Prepared => _prepared ??= PreparedGeometryFactory.Prepare(Asset.Geometry);
}
