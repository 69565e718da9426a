using System.Runtime.InteropServices;
using Mesa.Processing.Engines;
using Mesa.Processing.Intersect;

namespace Mesa.Processing.Flatten;

/// <summary>
/// Collects tbl_stacked rows by code as the intersect stage emits them (in cell order), so
/// flatten needs no second pass over tbl_stacked. Also answers backfill's question: the area a
/// code's stacked rows carry.
/// </summary>
/// <remarks>
/// Cells arrive in tbl_geocode_object order and a cell's rows are consecutive, so the first cell
/// seen with a code holds that code's first tbl_stacked row: its geometry and area are the
/// code's, known the moment the code appears.
/// </remarks>
public sealed class FlattenAccumulator(double sliverMinAreaM2) : IFlattenEngine
{
    private readonly Dictionary<string, CodeEntry> _codes = new(StringComparer.Ordinal);
    private long _sequence;

    public int CodeCount => _codes.Count;

    /// <summary>Adds the stacked rows of one cell; cells must come in tbl_stacked order.</summary>
    public void Add(CellOverlaps cell)
    {
        if (cell.Assets.Count == 0) return;
        var code = cell.Cell.Code;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_codes, code, out var exists);
        if (!exists) entry = new CodeEntry(new CellAggregator(code), cell.AreaM2);
        foreach (var asset in cell.Assets)
        {
            var group = asset.Group;
            entry.Aggregator.Add(new StackedFacts(
                code, cell.Cell.RefGeocodeGroup, cell.Cell.NameGisGeocodeGroup, asset.Asset.RefAssetGroup, group?.NameGisAssetGroup,
                group?.Importance, group?.Susceptibility, group?.Sensitivity, group?.SensitivityCode, _sequence++, checked((int)cell.CellIndex)));
        }
    }

    /// <inheritdoc/>
    public long? BackfillArea(string code) =>
        _codes.TryGetValue(code, out var entry) && !SliverRule.IsSliver(entry.AreaM2, sliverMinAreaM2) ? entry.AreaM2 : null;

    /// <summary>
    /// The tbl_flat rows: every code with its row, area and index_owa (computed over all codes
    /// before slivers are dropped), slivers already left out. Ordered by the first row's cell.
    /// </summary>
    public List<FlatCell> Finish(FlatBands bands)
    {
        var rows = _codes.Values.Select(e => (Row: e.Aggregator.ToFlatRow(bands), e.AreaM2)).ToList();
        var index = OwaIndex.Compute(rows.Select(r => r.Row.Owa).ToList());
        var result = new List<FlatCell>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!SliverRule.IsSliver(rows[i].AreaM2, sliverMinAreaM2)) result.Add(new FlatCell(rows[i].Row, rows[i].AreaM2, index[i]));
        }
        result.Sort(static (a, b) => a.Row.CellIndex.CompareTo(b.Row.CellIndex));
        return result;
    }

    private readonly record struct CodeEntry(CellAggregator Aggregator, long AreaM2);
}
