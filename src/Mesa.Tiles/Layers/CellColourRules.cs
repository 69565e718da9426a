using Mesa.Processing.Workload;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Layers;

/// <summary>
/// How one layer colours a cell: the cell's value that decides its colour, and that value's colour. Every rule's key
/// has the same type (a text and a number; counts are whole numbers well within a double's exact range), so the
/// memoising loop and its dictionary are compiled once for all layers rather than once per key type.
/// </summary>
internal abstract class CellColourRule
{
    public abstract (string? Text, double? Number) Key(in FlatCellValues cell);

    public abstract uint Colour((string? Text, double? Number) key);
}

internal sealed class SensitivityRule(MesaConfig config) : CellColourRule
{
    public override (string?, double?) Key(in FlatCellValues cell) => (cell.SensitivityCodeMax, cell.SensitivityMax);

    public override uint Colour((string? Text, double? Number) key) => SensitivityColours.Of(key.Text, key.Number, config);
}

/// <param name="overlapTotal">assets_overlap_total; otherwise asset_groups_total.</param>
internal sealed class CountRule(CountRamp ramp, bool overlapTotal) : CellColourRule
{
    public override (string?, double?) Key(in FlatCellValues cell) => (null, overlapTotal ? cell.AssetsOverlapTotal : cell.AssetGroupsTotal);

    public override uint Colour((string? Text, double? Number) key) => ramp.Of((long?)key.Number);
}

internal sealed class ImportanceRule : CellColourRule
{
    public override (string?, double?) Key(in FlatCellValues cell) => (null, cell.ImportanceMax);

    public override uint Colour((string? Text, double? Number) key) => ImportanceColours.Of(key.Number);
}

internal sealed class OwaRule(OwaGradient gradient) : CellColourRule
{
    public override (string?, double?) Key(in FlatCellValues cell) => (null, cell.IndexOwa);

    public override uint Colour((string? Text, double? Number) key) => gradient.Of((long?)key.Number);
}

internal sealed class SignatureRule : CellColourRule
{
    public override (string?, double?) Key(in FlatCellValues cell) => (cell.Signature, null);

    public override uint Colour((string? Text, double? Number) key) => SignatureColours.Of(key.Text);
}
