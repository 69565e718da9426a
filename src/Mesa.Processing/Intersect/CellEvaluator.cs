using Mesa.Processing.Geodesy;
using Mesa.Processing.Workload;
using NetTopologySuite.IO;

namespace Mesa.Processing.Intersect;

/// <summary>Finds the assets one cell overlaps. Thread-safe: cells are evaluated in parallel.</summary>
public sealed class CellEvaluator(AssetIndex assets)
{
    private static readonly IReadOnlyList<(StackedAsset, string)> NoFailures = [];

    public CellOverlaps Evaluate(long cellIndex, long partition, GeocodeObject cell, CancellationToken cancellation) =>
        Evaluate(cellIndex, partition, cell, Candidates(cell), null, cancellation);

    /// <summary>The pieces whose envelopes meet the cell's, grouped by asset in tbl_asset_object order; none for an empty cell.</summary>
    public List<AssetPiece> Candidates(GeocodeObject cell) =>
        cell.IsEmpty ? [] : assets.Candidates(cell.Envelope);

    /// <param name="candidates">The cell's <see cref="Candidates"/>.</param>
    /// <param name="known">
    /// Asked for each asset whose verdict depends on its pieces (<see cref="OverlapRule.MeasuredByPieces"/>);
    /// where it answers null, or when it is null, the exact rule decides.
    /// </param>
    public CellOverlaps Evaluate(long cellIndex, long partition, GeocodeObject cell, List<AssetPiece> candidates, KnownVerdict? known, CancellationToken cancellation)
    {
        if (candidates.Count == 0) return Empty(cellIndex, partition, cell);

        // A cell of one ring is measured from that ring; its polygon is made only where the rule needs the geometry.
        var convex = cell.Shell is { } shell ? ConvexCell.TryCreate(shell) : null;
        var cellArea = convex?.AreaWebMercator ?? WebMercator.Area(cell.Geometry);
        // Most cells overlap nothing: their list is never made.
        List<StackedAsset>? overlapping = null;
        List<(StackedAsset, string)>? failures = null;
        var pieces = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        for (var start = 0; start < pieces.Length;)
        {
            // A cell can meet thousands of assets; stay responsive to cancellation inside it too.
            cancellation.ThrowIfCancellationRequested();
            var asset = pieces[start].Asset;
            var end = start + 1;
            while (end < pieces.Length && pieces[end].Asset == asset) end++;
            string? failure = null;
            var verdict = known is not null && OverlapRule.MeasuredByPieces(cell, cellArea, asset) && known(start, end) is { } decided
                ? decided
                : OverlapRule.Evaluate(cell, convex, cellArea, asset, pieces[start..end], out failure);
            switch (verdict)
            {
                case OverlapVerdict.Overlaps:
                    (overlapping ??= []).Add(asset);
                    break;
                case OverlapVerdict.KeptUnevaluated:
                    (overlapping ??= []).Add(asset);
                    (failures ??= []).Add((asset, failure!));
                    break;
            }
            start = end;
        }
        return overlapping is null ? Empty(cellIndex, partition, cell) : Overlapped(cellIndex, partition, cell, overlapping, failures ?? NoFailures);
    }

    /// <summary>
    /// The result for a cell once its overlapping assets (in tbl_asset_object order) are known,
    /// however they were found: the cell's WKB and EPSG:3035 area are added here.
    /// </summary>
    public static CellOverlaps Overlapped(long cellIndex, long partition, GeocodeObject cell, IReadOnlyList<StackedAsset> overlapping, IReadOnlyList<(StackedAsset, string)> failures)
    {
        if (overlapping.Count == 0) return Empty(cellIndex, partition, cell);
        var wkb = cell.Wkb ?? new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false).Write(cell.Geometry);
        var areaM2 = cell.Shell is { } shell ? LambertAzimuthalEqualAreaEurope.ShellAreaM2(shell) : LambertAzimuthalEqualAreaEurope.AreaM2(cell.Geometry);
        return new CellOverlaps(cellIndex, partition, cell, overlapping, wkb, areaM2, failures);
    }

    private static CellOverlaps Empty(long cellIndex, long partition, GeocodeObject cell) =>
        new(cellIndex, partition, cell, [], null, 0, NoFailures);
}
