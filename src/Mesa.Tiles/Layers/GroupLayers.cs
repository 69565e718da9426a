using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>The layers of one geocode group (spec section 8's table), each cell's colour decided up front.</summary>
public static class GroupLayers
{
    /// <param name="threads">Layers are worked out side by side on up to this many threads.</param>
    public static IReadOnlyList<TileLayer> Build(GroupCells group, MesaConfig config, int threads = 1)
    {
        var cells = group.Values;
        var groupsTotal = new long?[cells.Length];
        var overlapTotal = new long?[cells.Length];
        var values = cells.Span;
        for (var i = 0; i < values.Length; i++)
        {
            groupsTotal[i] = values[i].AssetGroupsTotal;
            overlapTotal[i] = values[i].AssetsOverlapTotal;
        }
        // Cells repeat a handful of value combinations, so each combination's colour is worked out once (per layer,
        // so that no two threads share a table).
        var build = new List<Func<TileLayer>>
        {
            () =>
            {
                var sensitivity = Memoized<(string?, double?)>(key => SensitivityColours.Of(key.Item1, key.Item2, config));
                return new("sensitivity_max", "Maximum sensitivity band", Colours(cells, c => sensitivity((c.SensitivityCodeMax, c.SensitivityMax))), []);
            },
            () => Ramp("groupstotal", "Number of asset groups", CountRamp.Linear(groupsTotal), groupsTotal),
            () => Ramp("assetstotal", "Number of overlapping assets", CountRamp.Log1p(overlapTotal), overlapTotal),
            () =>
            {
                var importance = Memoized<double?>(ImportanceColours.Of);
                return new("importance_max", "Maximum importance", Colours(cells, c => importance(c.ImportanceMax)), []);
            },
            () =>
            {
                var owa = Memoized<long?>(new OwaGradient(config).Of);
                return new("index_owa", "OWA index", Colours(cells, c => owa(c.IndexOwa)), []);
            },
        };
        if (group.HasSegmentation)
        {
            build.Add(() =>
            {
                var signature = Memoized<string?>(SignatureColours.Of);
                return new("seg_signatures", "Segmentation signatures", Colours(cells, c => signature(c.Signature)), []);
            });
        }
        var layers = new TileLayer[build.Count];
        Parallel.For(0, build.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => layers[i] = build[i]());
        return layers;
    }

    private static uint[] Colours(ReadOnlyMemory<FlatCellValues> cells, Func<FlatCellValues, uint> colour)
    {
        var result = new uint[cells.Length];
        var span = cells.Span;
        for (var i = 0; i < span.Length; i++) result[i] = colour(span[i]);
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
        // Neighbouring rows often repeat a value, which then skips the lookup.
        (ValueTuple<TKey> Key, uint Value)? last = null;
        return key =>
        {
            if (last is { } previous && EqualityComparer<ValueTuple<TKey>>.Default.Equals(previous.Key, new(key))) return previous.Value;
            if (!known.TryGetValue(new(key), out var value)) known.Add(new(key), value = colour(key));
            last = (new(key), value);
            return value;
        };
    }
}
