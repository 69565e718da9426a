using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Mesa.Processing.Intersect;

/// <summary>
/// All asset objects of a workload joined with their groups (<see cref="JoinedAssets"/>), cut into pieces
/// (<see cref="AssetSubdivision"/>) held in an STR-tree on their envelopes, so each cell only
/// meets the pieces near it.
/// </summary>
public sealed class AssetIndex
{
    private readonly STRtree<AssetPiece> _tree = new();
    private readonly List<AssetPiece> _pieces = [];

    private AssetIndex(IReadOnlyList<StackedAsset> assets, int threads, CancellationToken cancellation)
    {
        Assets = assets;
        var pieces = new IReadOnlyList<Geometry>[assets.Count];
        Parallel.For(0, assets.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            i => pieces[i] = assets[i].Geometry.IsEmpty ? [] : AssetSubdivision.Pieces(assets[i].Geometry));
        for (var i = 0; i < assets.Count; i++)
        {
            for (var p = 0; p < pieces[i].Count; p++)
            {
                var piece = new AssetPiece(assets[i], p, pieces[i][p]);
                _tree.Insert(pieces[i][p].EnvelopeInternal, piece);
                _pieces.Add(piece);
            }
        }
        _tree.Build();
    }

    public IReadOnlyList<StackedAsset> Assets { get; }

    /// <summary>Pieces in the index (assets cut into parts of at most <see cref="AssetSubdivision.MaxVertices"/> vertices).</summary>
    public int PieceCount => _pieces.Count;

    /// <summary>Every piece, by asset in tbl_asset_object order and then by ordinal.</summary>
    public IReadOnlyList<AssetPiece> Pieces => _pieces;

    /// <summary>Indexes the pieces of the joined assets (<see cref="JoinedAssets"/>).</summary>
    public static AssetIndex Build(IReadOnlyList<StackedAsset> assets, int threads = 1, CancellationToken cancellation = default) =>
        new(assets, threads, cancellation);

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
