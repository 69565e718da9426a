using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Intersect;

/// <summary>
/// An asset object joined with its asset group (<c>ref_asset_group = id</c>, a left join as in
/// MESA: an object whose group is missing still stacks, with null group columns): everything a
/// tbl_stacked row takes from the asset side.
/// </summary>
public sealed class StackedAsset
{
    public StackedAsset(int index, AssetObject asset, AssetGroup? group)
    {
        Index = index;
        Asset = asset;
        Group = group;
        // Only a geometry that is exactly a Point follows the containment rule; MultiPoint follows the area rule.
        IsPoint = asset.Geometry is Point { IsEmpty: false };
        IsArea = !IsPoint && !asset.Geometry.IsEmpty && asset.Geometry.Dimension == Dimension.Surface;
    }

    /// <summary>Position in tbl_asset_object order; stacked rows of one cell follow it.</summary>
    public int Index { get; }

    public AssetObject Asset { get; }

    /// <summary>The joined group; null when no asset group has the object's ref_asset_group.</summary>
    public AssetGroup? Group { get; }

    public Geometry Geometry => Asset.Geometry;

    public bool IsPoint { get; }

    /// <summary>
    /// Whether the asset has an area: a non-empty polygonal geometry. Asked for every cell the asset may meet, and a
    /// collection answers by walking its parts, so it is found once.
    /// </summary>
    public bool IsArea { get; }
}
