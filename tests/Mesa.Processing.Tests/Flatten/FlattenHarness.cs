using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

/// <summary>Runs flatten over in-memory rows the way a stage would, one aggregator per code.</summary>
internal static class FlattenHarness
{
    public static Dictionary<string, FlatRow> FlattenRows(IEnumerable<StackedFacts> rows, FlatBands? bands = null) =>
        Aggregate(rows).ToDictionary(a => a.Code, a => a.ToFlatRow(bands ?? FlatBands.Default));

    public static List<CellAggregator> Aggregate(IEnumerable<StackedFacts> rows)
    {
        var byCode = new Dictionary<string, CellAggregator>(StringComparer.Ordinal);
        foreach (StackedFacts row in rows)
        {
            if (!byCode.TryGetValue(row.Code, out CellAggregator? aggregator))
            {
                aggregator = new CellAggregator(row.Code);
                byCode.Add(row.Code, aggregator);
            }

            aggregator.Add(row);
        }

        return [.. byCode.Values];
    }

    public static StackedFacts Row(
        int? importance = null,
        int? susceptibility = null,
        int? sensitivity = null,
        string? sensitivityCode = null,
        string code = "c",
        long refAssetGroup = 1,
        string name = "layer_001",
        long sequence = 0) =>
        new(code, 1, "basic_mosaic", refAssetGroup, name, importance, susceptibility, sensitivity, sensitivityCode, sequence, 0);
}
