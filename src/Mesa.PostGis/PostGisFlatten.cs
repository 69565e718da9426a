using Mesa.Processing.Engines;
using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;

namespace Mesa.PostGis;

/// <summary>
/// Flatten in PostGIS: tbl_flat built from the job's tbl_stacked by sql/processing/flatten.sql (values,
/// codes, descriptions, area and index_owa all computed there) and read back in tbl_flat.parquet's order.
/// </summary>
/// <remarks>
/// Backfill needs a code's area while intersect still streams, before flatten has run: it is the
/// area of the code's first overlapped cell, the same cell flatten.sql measures.
/// </remarks>
internal sealed class PostGisFlatten(PostGisJob job, double sliverMinAreaM2, CancellationToken cancellation) : IFlattenEngine
{
    private readonly Dictionary<string, long> _firstCellArea = new(StringComparer.Ordinal);

    public int CodeCount => _firstCellArea.Count;

    public void Add(CellOverlaps cell)
    {
        if (cell.Assets.Count > 0) _firstCellArea.TryAdd(cell.Cell.Code, cell.AreaM2);
    }

    public long? BackfillArea(string code) =>
        _firstCellArea.TryGetValue(code, out var area) && !SliverRule.IsSliver(area, sliverMinAreaM2) ? area : null;

    /// <remarks>The letters and band descriptions come from the staged config, inside flatten.sql.</remarks>
    public List<FlatCell> Finish(FlatBands bands)
    {
        PostGisCall.Wait(() => job.FlattenAsync(sliverMinAreaM2, cancellation), cancellation);
        var rows = PostGisCall.Wait(() => ResultReader.ReadFlatAsync(job, cancellation), cancellation);
        return [.. rows.Select(r => ToFlatCell(r.Row, checked((int)r.FirstCellSeq)))];
    }

    // index_owa arrives computed, so the row carries no OWA vector.
    private static FlatCell ToFlatCell(FlatTableRow r, int firstCellIndex) => new(
        new FlatRow(
            r.RefGeocodeGroup, r.NameGisGeocodeGroup, r.Code,
            new BandedExtremes(r.ImportanceMin, r.ImportanceMax, r.ImportanceCodeMin, r.ImportanceDescriptionMin, r.ImportanceCodeMax, r.ImportanceDescriptionMax),
            new BandedExtremes(r.SensitivityMin, r.SensitivityMax, r.SensitivityCodeMin, r.SensitivityDescriptionMin, r.SensitivityCodeMax, r.SensitivityDescriptionMax),
            new BandedExtremes(r.SusceptibilityMin, r.SusceptibilityMax, r.SusceptibilityCodeMin, r.SusceptibilityDescriptionMin, r.SusceptibilityCodeMax, r.SusceptibilityDescriptionMax),
            // string_agg over no names is null where the cpu engine joins nothing into "".
            r.AssetGroupNames ?? string.Empty, r.AssetGroupsTotal, r.AssetsOverlapTotal, default, firstCellIndex),
        r.AreaM2, r.IndexOwa);
}
