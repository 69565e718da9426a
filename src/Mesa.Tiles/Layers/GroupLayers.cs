using System.Collections.Concurrent;
using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>The layers of one geocode group (spec section 8's table), each cell's colour decided up front.</summary>
public static class GroupLayers
{
    private const int CellsPerTask = 16384;

    public static IReadOnlyList<TileLayer> Build(GroupCells group, MesaConfig config, int threads = 1)
    {
        var cells = group.Values;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        uint[] Colours(Func<FlatCellValues, uint> colour)
        {
            var result = new uint[cells.Count];
            Parallel.ForEach(Partitioner.Create(0, cells.Count, CellsPerTask), parallel, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++) result[i] = colour(cells[i]);
            });
            return result;
        }

        var layers = new List<TileLayer>
        {
            new("sensitivity_max", "Maximum sensitivity band", Colours(c => SensitivityColours.Of(c.SensitivityCodeMax, c.SensitivityMax, config)), []),
            Ramp("groupstotal", "Number of asset groups", CountRamp.Linear(cells.Select(c => c.AssetGroupsTotal)), c => c.AssetGroupsTotal, Colours),
            Ramp("assetstotal", "Number of overlapping assets", CountRamp.Log1p(cells.Select(c => c.AssetsOverlapTotal)), c => c.AssetsOverlapTotal, Colours),
            new("importance_max", "Maximum importance", Colours(c => ImportanceColours.Of(c.ImportanceMax)), []),
        };
        var owa = new OwaGradient(config);
        layers.Add(new("index_owa", "OWA index", Colours(c => owa.Of(c.IndexOwa)), []));
        if (group.HasSegmentation)
            layers.Add(new("seg_signatures", "Segmentation signatures", Colours(c => SignatureColours.Of(c.Signature)), []));
        return layers;
    }

    // A group without any value has no ramp: nothing is drawn.
    private static TileLayer Ramp(string suffix, string description, CountRamp? ramp, Func<FlatCellValues, long?> value, Func<Func<FlatCellValues, uint>, uint[]> colours) =>
        ramp is null
            ? new(suffix, description, colours(_ => Rgba.Transparent), [])
            : new(suffix, description, colours(c => ramp.Of(value(c))), ramp.Metadata());
}
