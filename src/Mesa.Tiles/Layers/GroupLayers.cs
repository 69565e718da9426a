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
        var build = new List<Func<TileLayer>>
        {
            () => new("sensitivity_max", "Maximum sensitivity band", Colours<(string?, double?), SensitivityRule>(cells.Span, new(config)), []),
            () => Ramp("groupstotal", "Number of asset groups", cells.Span, overlapTotal: false),
            () => Ramp("assetstotal", "Number of overlapping assets", cells.Span, overlapTotal: true),
            () => new("importance_max", "Maximum importance", Colours<double?, ImportanceRule>(cells.Span, new()), []),
            () => new("index_owa", "OWA index", Colours<long?, OwaRule>(cells.Span, new(new OwaGradient(config))), []),
        };
        if (group.HasSegmentation)
            build.Add(() => new("seg_signatures", "Segmentation signatures", Colours<string?, SignatureRule>(cells.Span, new()), []));
        var layers = new TileLayer[build.Count];
        Parallel.For(0, build.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => layers[i] = build[i]());
        return layers;
    }

    // Cells repeat a handful of values, so each value's colour is worked out once (per layer, so that no two threads
    // share a table), and a cell with its predecessor's value skips even the lookup.
    private static uint[] Colours<TKey, TRule>(ReadOnlySpan<FlatCellValues> cells, TRule rule) where TRule : struct, ICellColourRule<TKey>
    {
        var result = new uint[cells.Length];
        // Keys are wrapped in a one-element tuple, which a dictionary accepts even when the key is null (an absent value).
        var known = new Dictionary<ValueTuple<TKey>, uint>();
        var equal = EqualityComparer<TKey>.Default;
        TKey last = default!;
        var lastColour = 0u;
        for (var i = 0; i < cells.Length; i++)
        {
            var key = rule.Key(cells[i]);
            if (i == 0 || !equal.Equals(key, last))
            {
                if (!known.TryGetValue(new(key), out lastColour)) known.Add(new(key), lastColour = rule.Colour(key));
                last = key;
            }
            result[i] = lastColour;
        }
        return result;
    }

    // A group without any value has no ramp: nothing is drawn.
    private static TileLayer Ramp(string suffix, string description, ReadOnlySpan<FlatCellValues> cells, bool overlapTotal)
    {
        var values = new long?[cells.Length];
        for (var i = 0; i < cells.Length; i++) values[i] = overlapTotal ? cells[i].AssetsOverlapTotal : cells[i].AssetGroupsTotal;
        var ramp = overlapTotal ? CountRamp.Log1p(values) : CountRamp.Linear(values);
        return ramp is null
            ? new(suffix, description, new uint[cells.Length], [])
            : new(suffix, description, Colours<long?, CountRule>(cells, new(ramp, overlapTotal)), ramp.Metadata());
    }
}
