using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Mesa.Processing.Intersect;

/// <summary>
/// All asset objects of a workload joined with their groups, cut into pieces
/// (<see cref="AssetSubdivision"/>) held in an STR-tree on their envelopes, so each cell only
/// meets the pieces near it.
/// </summary>
public sealed class AssetIndex
{
    private readonly STRtree<AssetPiece> _tree = new();

    private AssetIndex(IReadOnlyList<StackedAsset> assets, int withoutGroup, int threads, CancellationToken cancellation)
    {
        Assets = assets;
        AssetsWithoutGroup = withoutGroup;
        var pieces = new IReadOnlyList<Geometry>[assets.Count];
        Parallel.For(0, assets.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            i => pieces[i] = assets[i].Geometry.IsEmpty ? [] : AssetSubdivision.Pieces(assets[i].Geometry));
        for (var i = 0; i < assets.Count; i++)
        {
            for (var p = 0; p < pieces[i].Count; p++) _tree.Insert(pieces[i][p].EnvelopeInternal, new AssetPiece(assets[i], p, pieces[i][p]));
            PieceCount += pieces[i].Count;
        }
        _tree.Build();
    }

    public IReadOnlyList<StackedAsset> Assets { get; }

    /// <summary>Pieces in the index (assets cut into parts of at most <see cref="AssetSubdivision.MaxVertices"/> vertices).</summary>
    public int PieceCount { get; }

    /// <summary>Asset objects whose ref_asset_group matches no asset group: they stack with null group columns.</summary>
    public int AssetsWithoutGroup { get; }

    /// <summary>Joins asset objects to groups (left join, objects whose group is missing are counted) and indexes their pieces.</summary>
    public static AssetIndex Build(IReadOnlyList<AssetObject> objects, IReadOnlyList<AssetGroup> groups, int threads = 1, CancellationToken cancellation = default)
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
        return new AssetIndex(assets, withoutGroup, threads, cancellation);
    }

    /// <summary>
    /// The pieces whose envelope intersects <paramref name="envelope"/>, grouped by asset in
    /// tbl_asset_object order.
    /// </summary>
    public List<AssetPiece> Candidates(Envelope envelope)
    {
        var found = new List<AssetPiece>();
        _tree.Query(envelope, new ListVisitor(found));
        found.Sort(static (a, b) => a.Asset.Index != b.Asset.Index ? a.Asset.Index.CompareTo(b.Asset.Index) : a.Ordinal.CompareTo(b.Ordinal));
        return found;
    }

    private sealed class ListVisitor(List<AssetPiece> found) : IItemVisitor<AssetPiece>
    {
        public void VisitItem(AssetPiece item) => found.Add(item);
    }
}
