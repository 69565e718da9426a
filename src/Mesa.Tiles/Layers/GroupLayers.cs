using System.Runtime.InteropServices;
using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>The layers of one geocode group (spec section 8's table), each cell's colour decided up front.</summary>
public static class GroupLayers
{
    // Cells are coloured in chunks of about this many, every layer's chunks side by side.
    private const int CellsPerChunk = 32768;

    private sealed record Plan(string Suffix, string Description, IReadOnlyList<KeyValuePair<string, string>> Metadata, CellColourRule? Rule);

    /// <param name="threads">Cells are coloured on up to this many threads.</param>
    public static IReadOnlyList<TileLayer> Build(GroupCells group, MesaConfig config, int threads = 1)
    {
        var cells = group.Values;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        var chunks = Math.Max(1, (cells.Length + CellsPerChunk - 1) / CellsPerChunk);
        var (groupsTotals, overlapTotals) = CountTotals(cells, chunks, parallel);
        // A group without any value of a ramp has no ramp: its layer draws nothing.
        var groupsRamp = CountRamp.Linear(groupsTotals);
        var overlapRamp = CountRamp.Log1p(overlapTotals);
        var plans = new List<Plan>
        {
            new("sensitivity_max", "Maximum sensitivity band", [], new SensitivityRule(config)),
            new("groupstotal", "Number of asset groups", groupsRamp?.Metadata() ?? [], groupsRamp is null ? null : new CountRule(groupsRamp, overlapTotal: false)),
            new("assetstotal", "Number of overlapping assets", overlapRamp?.Metadata() ?? [], overlapRamp is null ? null : new CountRule(overlapRamp, overlapTotal: true)),
            new("importance_max", "Maximum importance", [], new ImportanceRule()),
            new("index_owa", "OWA index", [], new OwaRule(new OwaGradient(config))),
        };
        if (group.HasSegmentation) plans.Add(new("seg_signatures", "Segmentation signatures", [], new SignatureRule()));
        var colours = plans.Select(_ => new uint[cells.Length]).ToArray();
        Parallel.For(0, plans.Count * chunks, parallel, i =>
        {
            var (layer, chunk) = Math.DivRem(i, chunks);
            var (start, end) = Chunk(chunk, chunks, cells.Length);
            if (plans[layer].Rule is { } rule) Colours(cells.Span[start..end], colours[layer].AsSpan(start..end), rule);
        });
        return plans.Select((plan, i) => new TileLayer(plan.Suffix, plan.Description, colours[i], plan.Metadata)).ToList();
    }

    private static (int Start, int End) Chunk(int chunk, int chunks, int cells) =>
        ((int)((long)cells * chunk / chunks), (int)((long)cells * (chunk + 1) / chunks));

    // How often each asset_groups_total and assets_overlap_total occurs, counted chunk by chunk.
    private static (Dictionary<long, long> GroupsTotals, Dictionary<long, long> OverlapTotals) CountTotals(
        ReadOnlyMemory<FlatCellValues> cells, int chunks, ParallelOptions parallel)
    {
        var parts = new (Dictionary<long, long> Groups, Dictionary<long, long> Overlaps)[chunks];
        Parallel.For(0, chunks, parallel, chunk =>
        {
            var (start, end) = Chunk(chunk, chunks, cells.Length);
            var part = parts[chunk] = (new(), new());
            foreach (var cell in cells.Span[start..end])
            {
                CountRamp.Add(part.Groups, cell.AssetGroupsTotal);
                CountRamp.Add(part.Overlaps, cell.AssetsOverlapTotal);
            }
        });
        var (groupsTotals, overlapTotals) = (new Dictionary<long, long>(), new Dictionary<long, long>());
        foreach (var (groups, overlaps) in parts)
        {
            foreach (var (value, count) in groups) CollectionsMarshal.GetValueRefOrAddDefault(groupsTotals, value, out _) += count;
            foreach (var (value, count) in overlaps) CollectionsMarshal.GetValueRefOrAddDefault(overlapTotals, value, out _) += count;
        }
        return (groupsTotals, overlapTotals);
    }

    // Cells repeat a handful of values, so each value's colour is worked out once per chunk (no two threads share a
    // table), and a cell with its predecessor's value skips even the lookup.
    private static void Colours(ReadOnlySpan<FlatCellValues> cells, Span<uint> colours, CellColourRule rule)
    {
        var known = new Dictionary<CellKey, uint>();
        CellKey last = default;
        var lastColour = 0u;
        for (var i = 0; i < cells.Length; i++)
        {
            var key = rule.Key(cells[i]);
            if (i == 0 || key != last)
            {
                if (!known.TryGetValue(key, out lastColour)) known.Add(key, lastColour = rule.Colour(key));
                last = key;
            }
            colours[i] = lastColour;
        }
    }
}
