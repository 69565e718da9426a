using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>
/// How one layer colours a cell: the cell's value that decides its colour, and that value's colour. Every rule's key
/// has the same type, <see cref="CellKey"/>, so the memoising loop and its dictionary are compiled once for all
/// layers, and ahead of time: the key type is this assembly's own.
/// </summary>
internal abstract class CellColourRule
{
    public abstract CellKey Key(in FlatCellValues cell);

    public abstract uint Colour(CellKey key);
}

/// <summary>A text, a number, or both; counts are whole numbers well within a double's exact range.</summary>
internal readonly record struct CellKey(string? Text, double? Number);

internal sealed class SensitivityRule(MesaConfig config) : CellColourRule
{
    public override CellKey Key(in FlatCellValues cell) => new(cell.SensitivityCodeMax, cell.SensitivityMax);

    public override uint Colour(CellKey key) => SensitivityColours.Of(key.Text, key.Number, config);
}

/// <param name="overlapTotal">assets_overlap_total; otherwise asset_groups_total.</param>
internal sealed class CountRule(CountRamp ramp, bool overlapTotal) : CellColourRule
{
    public override CellKey Key(in FlatCellValues cell) => new(null, overlapTotal ? cell.AssetsOverlapTotal : cell.AssetGroupsTotal);

    public override uint Colour(CellKey key) => ramp.Of((long?)key.Number);
}

internal sealed class ImportanceRule : CellColourRule
{
    public override CellKey Key(in FlatCellValues cell) => new(null, cell.ImportanceMax);

    public override uint Colour(CellKey key) => ImportanceColours.Of(key.Number);
}

internal sealed class OwaRule(OwaGradient gradient) : CellColourRule
{
    public override CellKey Key(in FlatCellValues cell) => new(null, cell.IndexOwa);

    public override uint Colour(CellKey key) => gradient.Of((long?)key.Number);
}

internal sealed class SignatureRule : CellColourRule
{
    public override CellKey Key(in FlatCellValues cell) => new(cell.Signature, null);

    public override uint Colour(CellKey key) => SignatureColours.Of(key.Text);
}
