using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Mesa.Processing.Intersect;

/// <summary>
/// All asset objects of a workload joined with their groups, in an STR-tree on their envelopes
/// so each cell only meets the assets near it.
/// </summary>
public sealed class AssetIndex
{
    private readonly STRtree<StackedAsset> _tree;

    private AssetIndex(IReadOnlyList<StackedAsset> assets, int withoutGroup)
    {
        Assets = assets;
        AssetsWithoutGroup = withoutGroup;
        _tree = new STRtree<StackedAsset>();
        foreach (var asset in assets)
        {
            if (!asset.Geometry.IsEmpty) _tree.Insert(asset.Geometry.EnvelopeInternal, asset);
        }
        _tree.Build();
    }

    public IReadOnlyList<StackedAsset> Assets { get; }

    /// <summary>Asset objects whose ref_asset_group matches no asset group: they stack with null group columns.</summary>
    public int AssetsWithoutGroup { get; }

    /// <summary>Joins asset objects to groups (left join); objects whose group is missing are counted.</summary>
    public static AssetIndex Build(IReadOnlyList<AssetObject> objects, IReadOnlyList<AssetGroup> groups)
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
        return new AssetIndex(assets, withoutGroup);
    }

    /// <summary>Assets whose envelope intersects <paramref name="envelope"/>, in tbl_asset_object order.</summary>
    public List<StackedAsset> Candidates(Envelope envelope)
    {
        var found = new List<StackedAsset>();
        _tree.Query(envelope, new ListVisitor(found));
        found.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    private sealed class ListVisitor(List<StackedAsset> found) : NetTopologySuite.Index.IItemVisitor<StackedAsset>
    {
        public void VisitItem(StackedAsset item) => found.Add(item);
    }
}
