using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>The layers of one geocode group (spec section 8's table), each cell's colour decided up front.</summary>
public static class GroupLayers
{
    public static IReadOnlyList<TileLayer> Build(GroupCells group, MesaConfig config)
    {
        var cells = group.Values;
        var groupsTotal = new long?[cells.Length];
        var overlapTotal = new long?[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            groupsTotal[i] = cells[i].AssetGroupsTotal;
            overlapTotal[i] = cells[i].AssetsOverlapTotal;
        }
        // Cells repeat a handful of value combinations, so each combination's colour is worked out once.
        var sensitivity = Memoized<(string?, double?)>(key => SensitivityColours.Of(key.Item1, key.Item2, config));
        var importance = Memoized<double?>(ImportanceColours.Of);
        var owa = Memoized<long?>(new OwaGradient(config).Of);
        var signature = Memoized<string?>(SignatureColours.Of);
        var layers = new List<TileLayer>
        {
            new("sensitivity_max", "Maximum sensitivity band", Colours(cells, c => sensitivity((c.SensitivityCodeMax, c.SensitivityMax))), []),
            Ramp("groupstotal", "Number of asset groups", CountRamp.Linear(groupsTotal), groupsTotal),
            Ramp("assetstotal", "Number of overlapping assets", CountRamp.Log1p(overlapTotal), overlapTotal),
            new("importance_max", "Maximum importance", Colours(cells, c => importance(c.ImportanceMax)), []),
            new("index_owa", "OWA index", Colours(cells, c => owa(c.IndexOwa)), []),
        };
        if (group.HasSegmentation)
            layers.Add(new("seg_signatures", "Segmentation signatures", Colours(cells, c => signature(c.Signature)), []));
        return layers;
    }

    private static uint[] Colours(ReadOnlySpan<FlatCellValues> cells, Func<FlatCellValues, uint> colour)
    {
        var result = new uint[cells.Length];
        for (var i = 0; i < cells.Length; i++) result[i] = colour(cells[i]);
        return result;
    }

    // A group without any value has no ramp: nothing is drawn.
    private static TileLayer Ramp(string suffix, string description, CountRamp? ramp, long?[] values)
    {
        if (ramp is null) return new(suffix, description, new uint[values.Length], []);
        var colour = Memoized<long?>(ramp.Of);
        return new(suffix, description, Array.ConvertAll(values, v => colour(v)), ramp.Metadata());
    }

    private static Func<TKey, uint> Memoized<TKey>(Func<TKey, uint> colour)
    {
        // Keys are wrapped in a one-element tuple, which a dictionary accepts even when the key is null (an absent value).
        var known = new Dictionary<ValueTuple<TKey>, uint>();
        return key =>
        {
            if (!known.TryGetValue(new(key), out var value)) known.Add(new(key), value = colour(key));
            return value;
        };
    }
}
