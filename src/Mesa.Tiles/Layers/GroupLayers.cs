using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>The layers of one geocode group (spec section 8's table), each cell's colour decided up front.</summary>
public static class GroupLayers
{
    public static IReadOnlyList<TileLayer> Build(GroupCells group, MesaConfig config)
    {
        var cells = group.Values;
        uint[] Colours(Func<FlatCellValues, uint> colour) => cells.Select(colour).ToArray();

        var layers = new List<TileLayer>
        {
            new("sensitivity_max", "Maximum sensitivity band", Colours(c => SensitivityColours.Of(c.SensitivityCodeMax, c.SensitivityMax, config)), []),
            Ramp("groupstotal", "Number of asset groups", CountRamp.Linear(cells.Select(c => c.AssetGroupsTotal)), cells.Select(c => c.AssetGroupsTotal)),
            Ramp("assetstotal", "Number of overlapping assets", CountRamp.Log1p(cells.Select(c => c.AssetsOverlapTotal)), cells.Select(c => c.AssetsOverlapTotal)),
            new("importance_max", "Maximum importance", Colours(c => ImportanceColours.Of(c.ImportanceMax)), []),
        };
        var owa = new OwaGradient(config);
        layers.Add(new("index_owa", "OWA index", Colours(c => owa.Of(c.IndexOwa)), []));
        if (group.HasSegmentation)
            layers.Add(new("seg_signatures", "Segmentation signatures", Colours(c => SignatureColours.Of(c.Signature)), []));
        return layers;
    }

    private static TileLayer Ramp(string suffix, string description, CountRamp? ramp, IEnumerable<long?> values) =>
        ramp is null
            ? new(suffix, description, values.Select(_ => Rgba.Transparent).ToArray(), [])
            : new(suffix, description, values.Select(ramp.Of).ToArray(), ramp.Metadata());
}
