using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

/// <summary>The seven tbl_stacked rows of the spec's section 5 worked example.</summary>
internal static class WorkedExample
{
    private const string Layer = "basic_mosaic";

    // (ref_asset_group, name, importance, susceptibility, sensitivity, code) of groups G1..G4.
    private static readonly (long Id, string Name, int Imp, int Sus, int Sens, string Code)[] Groups =
    [
        (1, "layer_001", 5, 5, 25, "A"),
        (2, "layer_002", 4, 4, 16, "B"),
        (3, "layer_003", 2, 1, 2, "E"),
        (4, "layer_004", 0, 0, 0, ""),
    ];

    public static StackedFacts[] Rows()
    {
        (string Cell, int Group)[] pairs =
        [
            ("c1", 0), ("c1", 0), ("c1", 2),
            ("c2", 1),
            ("c3", 3),
            ("c4", 1), ("c4", 2),
        ];
        return [.. pairs.Select((pair, sequence) => Row(pair.Cell, pair.Group, sequence))];
    }

    private static StackedFacts Row(string cell, int group, int sequence)
    {
        var g = Groups[group];
        int cellIndex = int.Parse(cell[1..], System.Globalization.CultureInfo.InvariantCulture);
        return new StackedFacts(cell, 1, Layer, g.Id, g.Name, g.Imp, g.Sus, g.Sens, g.Code, sequence, cellIndex);
    }
}
