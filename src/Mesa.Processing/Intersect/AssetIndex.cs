using NetTopologySuite.Geometries;
using NetTopologySuite.Shape.Fractal;

namespace Mesa.Processing.Intersect;

/// <summary>
/// All asset objects of a workload joined with their groups (<see cref="JoinedAssets"/>), cut into pieces
/// (<see cref="AssetSubdivision"/>) held in a <see cref="PackedBoxTree"/> on their envelopes, so each cell only
/// meets the pieces near it.
/// </summary>
public sealed class AssetIndex
{
    // Resolution of the Hilbert curve the pieces are sorted along: 2^HilbertLevel steps a side of the extent.
    private const int HilbertLevel = 12;

    private readonly List<AssetPiece> _pieces = [];

    // The tree holds the pieces sorted along a Hilbert curve, so near pieces share nodes; _treeOrder[i] is the
    // position in _pieces of the tree's item i.
    private readonly int[] _treeOrder;
    private readonly PackedBoxTree _tree;

    // Each evaluating thread's scratch list of found positions.
    [ThreadStatic]
    private static List<int>? t_positions;

    private AssetIndex(IReadOnlyList<StackedAsset> assets, int threads, CancellationToken cancellation)
    {
        Assets = assets;
        var pieces = new IReadOnlyList<Geometry>[assets.Count];
        Parallel.For(0, assets.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            i => pieces[i] = assets[i].Geometry.IsEmpty ? [] : AssetSubdivision.Pieces(assets[i].Geometry));
        for (var i = 0; i < assets.Count; i++)
        {
            for (var p = 0; p < pieces[i].Count; p++) _pieces.Add(new AssetPiece(assets[i], p, pieces[i][p]));
        }
        (_treeOrder, _tree) = SortedTree(_pieces);
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
        var positions = t_positions ??= [];
        positions.Clear();
        var visitor = new PositionVisitor(_treeOrder, positions);
        _tree.Query(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, ref visitor);
        // _pieces is in asset order, then piece order.
        positions.Sort();
        var found = new List<AssetPiece>(positions.Count);
        foreach (var position in positions) found.Add(_pieces[position]);
        return found;
    }

    private static (int[] Order, PackedBoxTree Tree) SortedTree(List<AssetPiece> pieces)
    {
        var extent = new Envelope();
        foreach (var piece in pieces) extent.ExpandToInclude(piece.Geometry.EnvelopeInternal);
        var steps = (1 << HilbertLevel) - 1;
        var keys = new int[pieces.Count];
        var order = new int[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var centre = pieces[i].Geometry.EnvelopeInternal.Centre;
            var x = extent.Width > 0 ? (int)((centre.X - extent.MinX) / extent.Width * steps) : 0;
            var y = extent.Height > 0 ? (int)((centre.Y - extent.MinY) / extent.Height * steps) : 0;
            keys[i] = HilbertCode.Encode(HilbertLevel, x, y);
            order[i] = i;
        }
        Array.Sort(keys, order);
        var boxes = new double[4 * order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var envelope = pieces[order[i]].Geometry.EnvelopeInternal;
            (boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]) = (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
        }
        return (order, new PackedBoxTree(boxes));
    }

    private readonly struct PositionVisitor(int[] order, List<int> positions) : IBoxVisitor
    {
        public bool Visit(int item)
        {
            positions.Add(order[item]);
            return true;
        }
    }
}
