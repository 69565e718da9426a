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
    // In order of first appearance; each is let go once Finish has made its row, since after that only the areas are asked for.
    private readonly List<CellAggregator?> _aggregators = [];
    private long _sequence;

    public int CodeCount => _codes.Count;

    /// <summary>Adds the stacked rows of one cell; cells must come in tbl_stacked order.</summary>
    public void Add(CellOverlaps cell)
    {
        if (cell.Assets.Count == 0) return;
        var code = cell.Cell.Code;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_codes, code, out var exists);
        if (!exists)
        {
            entry = new CodeEntry(_aggregators.Count, cell.AreaM2);
            _aggregators.Add(new CellAggregator(code));
        }
        var aggregator = _aggregators[entry.Aggregator] ?? throw new InvalidOperationException("Rows were added after the flat rows were made.");
        // Indexed: enumerating the list through its interface would allocate for every cell.
        for (var i = 0; i < cell.Assets.Count; i++)
        {
            var asset = cell.Assets[i];
            var group = asset.Group;
            aggregator.Add(new StackedFacts(
                code, cell.Cell.RefGeocodeGroup, cell.Cell.NameGisGeocodeGroup, asset.Asset.RefAssetGroup, group?.NameGisAssetGroup,
                group?.Importance, group?.Susceptibility, group?.Sensitivity, group?.SensitivityCode, _sequence++, checked((int)cell.CellIndex)));
        }
    }

    /// <inheritdoc/>
    public long? BackfillArea(string code) =>
        _codes.TryGetValue(code, out var entry) && !SliverRule.IsSliver(entry.AreaM2, sliverMinAreaM2) ? entry.AreaM2 : null;

    /// <summary>
    /// Once only: the tbl_flat rows: every code with its row, area and index_owa (computed over all codes
    /// before slivers are dropped), slivers already left out. Ordered by the first row's cell.
    /// </summary>
    public List<FlatCell> Finish(FlatBands bands)
    {
        var rows = new List<(FlatRow Row, long AreaM2)>(_codes.Count);
        foreach (var entry in _codes.Values)
        {
            var aggregator = _aggregators[entry.Aggregator] ?? throw new InvalidOperationException("The flat rows were already made.");
            _aggregators[entry.Aggregator] = null;
            rows.Add((aggregator.ToFlatRow(bands), entry.AreaM2));
        }
        var index = OwaIndex.Compute(rows.Select(r => r.Row.Owa).ToList());
        var result = new List<FlatCell>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!SliverRule.IsSliver(rows[i].AreaM2, sliverMinAreaM2)) result.Add(new FlatCell(rows[i].Row, rows[i].AreaM2, index[i]));
        }
        result.Sort(static (a, b) => a.Row.CellIndex.CompareTo(b.Row.CellIndex));
        return result;
    }

    /// <param name="Aggregator">The code's place in the aggregator list.</param>
    private readonly record struct CodeEntry(int Aggregator, long AreaM2);
}
