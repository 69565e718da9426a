using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>
/// How one layer colours a cell: the cell's value that decides its colour, and that value's colour. Rules are
/// structs, so <see cref="GroupLayers"/>' loop over a million cells is compiled per rule with the calls inlined.
/// </summary>
internal interface ICellColourRule<TKey>
{
    TKey Key(in FlatCellValues cell);

    uint Colour(TKey key);
}

internal readonly struct SensitivityRule(MesaConfig config) : ICellColourRule<(string?, double?)>
{
    public (string?, double?) Key(in FlatCellValues cell) => (cell.SensitivityCodeMax, cell.SensitivityMax);

    public uint Colour((string?, double?) key) => SensitivityColours.Of(key.Item1, key.Item2, config);
}

/// <param name="overlapTotal">assets_overlap_total; otherwise asset_groups_total.</param>
internal readonly struct CountRule(CountRamp ramp, bool overlapTotal) : ICellColourRule<long?>
{
    public long? Key(in FlatCellValues cell) => overlapTotal ? cell.AssetsOverlapTotal : cell.AssetGroupsTotal;

    public uint Colour(long? key) => ramp.Of(key);
}

internal readonly struct ImportanceRule : ICellColourRule<double?>
{
    public double? Key(in FlatCellValues cell) => cell.ImportanceMax;

    public uint Colour(double? key) => ImportanceColours.Of(key);
}

internal readonly struct OwaRule(OwaGradient gradient) : ICellColourRule<long?>
{
    public long? Key(in FlatCellValues cell) => cell.IndexOwa;

    public uint Colour(long? key) => gradient.Of(key);
}

internal readonly struct SignatureRule : ICellColourRule<string?>
{
    public string? Key(in FlatCellValues cell) => cell.Signature;

    public uint Colour(string? key) => SignatureColours.Of(key);
}
