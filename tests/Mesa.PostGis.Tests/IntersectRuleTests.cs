using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests;

/// <summary>Spec section 4's overlap rule, one case per test.</summary>
public sealed class IntersectRuleTests
{
    // Degrees per metre along the equator in Web Mercator (6378137 m sphere).
    private const double DegreesPerMetre = 180.0 / (Math.PI * 6378137.0);

    private static TestWorkload OneCell() => new TestWorkload()
        .Group(1, "layer_001", 5, 5, 25, "A", "Very high")
        .Cell("c1", Square(0, 0, 0.01));

    [Fact]
    public async Task Edge_touching_asset_is_dropped()
    {
        using var workload = OneCell().Asset(1, 1, Square(0.01, 0.002, 0.005));
        Assert.Empty((await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Fact]
    public async Task Raw_line_string_crossing_the_cell_is_dropped()
    {
        using var workload = OneCell().Asset(1, 1, "LINESTRING (-0.01 0.005, 0.02 0.005)");
        var result = await TestDatabase.RunAsync(workload.Build());
        Assert.Empty(result.Stacked);
        Assert.Empty(result.Flat);
    }

    [Fact]
    public async Task Point_inside_the_cell_is_kept()
    {
        using var workload = OneCell().Asset(1, 1, "POINT (0.005 0.005)");
        Assert.Equal([new StackedPair("c1", 1)], (await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Fact]
    public async Task Point_on_the_cell_boundary_is_dropped()
    {
        using var workload = OneCell().Asset(1, 1, "POINT (0.01 0.005)");
        Assert.Empty((await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Theory]
    [InlineData(0.9, false)]
    [InlineData(1.1, true)]
    public async Task Overlap_area_in_web_mercator_decides_at_one_square_metre(double overlapM2, bool kept)
    {
        // An asset reaching into the cell's east edge: only an s x s corner of it lies inside.
        var s = Math.Sqrt(overlapM2) * DegreesPerMetre;
        using var workload = OneCell().Asset(1, 1, Box(0.01 - s, 0.005, 0.02, 0.005 + s));
        var stacked = (await TestDatabase.RunAsync(workload.Build())).Stacked;
        Assert.Equal(kept, stacked.Count == 1);
    }

    [Fact]
    public async Task Duplicate_cells_are_evaluated_once()
    {
        using var workload = OneCell()
            .Cell("c1", Square(0, 0, 0.01))
            .Asset(1, 1, Square(0.002, 0.002, 0.004));
        Assert.Equal([new StackedPair("c1", 1)], (await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Fact]
    public async Task Of_duplicate_cells_the_first_in_staging_order_is_the_one_evaluated()
    {
        // The duplicate sits where the asset is, the first one does not: nothing overlaps.
        using var workload = OneCell()
            .Cell("c1", Square(1, 1, 0.01))
            .Asset(1, 1, Square(1.002, 1.002, 0.004));
        Assert.Empty((await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Fact]
    public async Task Same_code_in_another_geocode_group_is_a_separate_cell()
    {
        using var workload = OneCell()
            .Cell("c1", Square(0, 0, 0.01), "H3_R8", 2)
            .Asset(1, 1, Square(0.002, 0.002, 0.004));
        Assert.Equal([new StackedPair("c1", 1), new StackedPair("c1", 1)], (await TestDatabase.RunAsync(workload.Build())).Stacked);
    }

    [Fact]
    public async Task Invalid_geometry_is_repaired_and_evaluated()
    {
        // A bow-tie: self-intersecting, so the plain intersection raises and the pair goes through make-valid.
        using var workload = OneCell().Asset(1, 1, "POLYGON ((0.002 0.002, 0.008 0.008, 0.008 0.002, 0.002 0.008, 0.002 0.002))");
        var result = await TestDatabase.RunAsync(workload.Build());
        Assert.True(result.Repaired);
        Assert.Equal([new StackedPair("c1", 1)], result.Stacked);
        Assert.Empty(result.Warnings);
    }
}
