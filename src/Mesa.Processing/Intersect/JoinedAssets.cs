using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>
/// tbl_asset_object joined with tbl_asset_group (<c>ref_asset_group = id</c>, a left join as in
/// MESA), in tbl_asset_object order: the asset side of every tbl_stacked row, whichever engine
/// finds the overlaps.
/// </summary>
/// <param name="WithoutGroup">Asset objects whose ref_asset_group matches no asset group: they stack with null group columns.</param>
public sealed record JoinedAssets(IReadOnlyList<StackedAsset> Assets, int WithoutGroup)
{
    public static JoinedAssets Join(IReadOnlyList<AssetObject> objects, IReadOnlyList<AssetGroup> groups)
    {
        var groupById = new Dictionary<long, AssetGroup>();
        // A repeated group id keeps its first row, as a lookup on the id would.
        foreach (var group in groups) groupById.TryAdd(group.Id, group);
        var assets = new List<StackedAsset>(objects.Count);
        var withoutGroup = 0;
        foreach (var asset in objects)
        {
            if (!groupById.TryGetValue(asset.RefAssetGroup, out var group)) withoutGroup++;
            assets.Add(new StackedAsset(assets.Count, asset, group));
        }
        return new JoinedAssets(assets, withoutGroup);
    }
}
