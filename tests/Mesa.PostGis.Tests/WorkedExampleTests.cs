using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests;

/// <summary>Spec section 5's worked example run end to end in PostGIS.</summary>
public sealed class WorkedExampleTests
{
    private const double Side = 0.01;

    /// <summary>
    /// Groups G1..G4 as in the spec; cells c1..c4 are 0.01 degree squares along the equator,
    /// 0.01 degree apart. c1: two G1 objects and one G3; c2: one G2 (and a G3 object touching
    /// its east edge from outside); c3: one G4; c4: one G2 and one G3.
    /// </summary>
    internal static TestWorkload Build() => new TestWorkload()
        .Group(1, "layer_001", 5, 5, 25, "A", "Very high")
        .Group(2, "layer_002", 4, 4, 16, "B", "High")
        .Group(3, "layer_003", 2, 1, 2, "E", "Very low")
        .Group(4, "layer_004", 0, 0, 0, "", null)
        .Cell("c1", Square(0.00, 0, Side))
        .Cell("c2", Square(0.02, 0, Side))
        .Cell("c3", Square(0.04, 0, Side))
        .Cell("c4", Square(0.06, 0, Side))
        .Asset(11, 1, Square(0.001, 0.001, 0.003))
        .Asset(12, 1, Square(0.005, 0.005, 0.003))
        .Asset(13, 3, Square(0.002, 0.006, 0.002))
        .Asset(21, 2, Square(0.021, 0.001, 0.005))
        .Asset(22, 3, Box(0.03, 0.002, 0.035, 0.008))
        .Asset(31, 4, Square(0.041, 0.001, 0.008))
        .Asset(41, 2, Square(0.061, 0.001, 0.004))
        .Asset(42, 3, Square(0.065, 0.005, 0.004));

    [Fact]
    public async Task Stacked_has_the_seven_overlapping_pairs_in_sequence()
    {
        using var workload = Build();
        var result = await TestDatabase.RunAsync(workload.Build());

        Assert.Equal(
            [new("c1", 11), new("c1", 12), new("c1", 13), new("c2", 21), new("c3", 31), new("c4", 41), new StackedPair("c4", 42)],
            result.Stacked);
        Assert.False(result.Repaired);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Flat_rows_match_the_spec_table()
    {
        using var workload = Build();
        var result = await TestDatabase.RunAsync(workload.Build());

        Assert.Equal(["c1", "c2", "c3", "c4"], result.Flat.Select(r => r.Code));
        var flat = result.Flat.ToDictionary(r => r.Code);
        Assert.Equal(
            Expected("c1", (2, 5, "D", "Low", "A", "Very high"), (2, 25, "E", "Very low", "A", "Very high"), (1, 5, "E", "Very low", "A", "Very high"),
                "layer_001, layer_003", 2, 3, 100),
            Comparable(flat["c1"]));
        Assert.Equal(
            Expected("c2", (4, 4, "B", "High", "B", "High"), (16, 16, "B", "High", "B", "High"), (4, 4, "B", "High", "B", "High"),
                "layer_002", 1, 1, 50),
            Comparable(flat["c2"]));
        Assert.Equal(
            Expected("c3", (0, 0, null, null, null, null), (0, 0, "", null, "", null), (0, 0, null, null, null, null),
                "layer_004", 1, 1, 0),
            Comparable(flat["c3"]));
        Assert.Equal(
            Expected("c4", (2, 4, "D", "Low", "B", "High"), (2, 16, "E", "Very low", "B", "High"), (1, 4, "E", "Very low", "B", "High"),
                "layer_002, layer_003", 2, 2, 75),
            Comparable(flat["c4"]));
    }

    [Fact]
    public async Task Area_is_the_cells_ETRS89_LAEA_area_and_geometry_the_cells()
    {
        using var workload = Build();
        var result = await TestDatabase.RunAsync(workload.Build());

        foreach (var row in result.Flat)
        {
            // A 0.01 degree square on the equator is about 1113 m x 1106 m.
            Assert.InRange(row.AreaM2, 1_225_000, 1_240_000);
            var cell = new NetTopologySuite.IO.WKBReader().Read(row.Geometry);
            Assert.Equal(Side * Side, cell.Area, 12);
        }
    }

    private static FlatTableRow Expected(
        string code,
        (long, long, string?, string?, string?, string?) importance,
        (long, long, string?, string?, string?, string?) sensitivity,
        (long, long, string?, string?, string?, string?) susceptibility,
        string names, long groups, long overlap, long indexOwa) => new(
            1, "basic_mosaic", code,
            importance.Item1, importance.Item2, importance.Item3, importance.Item4, importance.Item5, importance.Item6,
            sensitivity.Item1, sensitivity.Item2, sensitivity.Item3, sensitivity.Item4, sensitivity.Item5, sensitivity.Item6,
            susceptibility.Item1, susceptibility.Item2, susceptibility.Item3, susceptibility.Item4, susceptibility.Item5, susceptibility.Item6,
            names, groups, 0, overlap, indexOwa, Array.Empty<byte>());

    // Area and geometry are checked on their own; records compare arrays by reference.
    private static FlatTableRow Comparable(FlatTableRow row) => row with { AreaM2 = 0, Geometry = Array.Empty<byte>() };
}
