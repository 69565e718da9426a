using NetTopologySuite.Geometries;

namespace Mesa.Processing.Intersect;

/// <summary>
/// One piece of an asset's area: the whole asset when it is small, else a part of it no bigger
/// than <see cref="AssetSubdivision.MaxVertices"/> vertices. The pieces of an asset tile it, so
/// the asset's intersection area with a cell is the sum over its pieces.
/// </summary>
public sealed class AssetPiece
{
    private readonly Lazy<AssetOutline> _outline;

    public AssetPiece(StackedAsset asset, int ordinal, Geometry geometry)
    {
        Asset = asset;
        Ordinal = ordinal;
        Geometry = geometry;
        _outline = new Lazy<AssetOutline>(() => new AssetOutline(geometry), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public StackedAsset Asset { get; }

    /// <summary>The piece's place among its asset's pieces: areas are summed in this order, so results repeat exactly.</summary>
    public int Ordinal { get; }

    public Geometry Geometry { get; }

    /// <summary>
    /// The boundary indexed on first use (pieces no cell meets cost nothing); built once even when
    /// several threads ask at the same time.
    /// </summary>
    public AssetOutline Outline => _outline.Value;
}
