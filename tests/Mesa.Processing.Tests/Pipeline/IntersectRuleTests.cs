using Mesa.Processing.Geodesy;
using Mesa.Processing.Tests.Workload;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>The pair rule of spec section 4, through the whole pipeline: which (cell, asset) pairs reach tbl_stacked.</summary>
public sealed class IntersectRuleTests
{
    private static readonly string Cell = WorkedExampleWorkload.Cell(10.0);

    private static List<(string Code, long Asset)> StackedPairs(Action<TestWorkloadBuilder> addAssets, params (string Code, string Group, string Wkt)[] cells)
    {
        var builder = new TestWorkloadBuilder().AddAssetGroup(1, "layer_001", 5, 5);
        addAssets(builder);
        foreach (var (code, group, wkt) in cells) builder.AddGeocode(code, group, wkt);
        using var run = PipelineRun.Of(builder);
        return run.Stacked().Select(r => ((string)r["code"]!, (long)r["id_x"]!)).ToList();
    }

    private static List<(string Code, long Asset)> StackedPairs(params string[] assets) =>
        StackedPairs(b =>
        {
            for (var i = 0; i < assets.Length; i++) b.AddAssetObject(i + 1, 1, assets[i]);
        }, ("c", "basic_mosaic", Cell));

    [Fact]
    public void A_point_inside_the_cell_is_kept_and_one_on_its_edge_is_not()
    {
        Assert.Equal([("c", 1L)], StackedPairs("POINT (10.005 60.005)", "POINT (10.01 60.005)", "POINT (10.02 60.005)"));
    }

    [Fact]
    public void A_raw_line_has_no_area_and_drops_out()
    {
        Assert.Empty(StackedPairs("LINESTRING (9.99 60.005, 10.02 60.005)"));
    }

    [Fact]
    public void A_multipoint_follows_the_area_rule_and_drops_out()
    {
        Assert.Empty(StackedPairs("MULTIPOINT ((10.005 60.005), (10.006 60.006))"));
    }

    [Fact]
    public void An_edge_touching_neighbour_drops_out()
    {
        Assert.Empty(StackedPairs(WorkedExampleWorkload.Box(10.01, 60.0, 10.02, 60.01)));
    }

    [Fact]
    public void The_one_square_metre_threshold_is_measured_in_web_mercator()
    {
        // Strips reaching 3e-6 and 5e-6 degrees into the cell, 1e-5 degrees tall, at 60N.
        var below = WorkedExampleWorkload.Box(9.99, 60.002, 10.000003, 60.00201);
        var above = WorkedExampleWorkload.Box(9.99, 60.002, 10.000005, 60.00201);
        var cell = new WKTReader().Read(Cell);
        Assert.InRange(WebMercator.Area(cell.Intersection(new WKTReader().Read(below))), 0.5, 0.99);
        Assert.InRange(WebMercator.Area(cell.Intersection(new WKTReader().Read(above))), 1.01, 1.5);
        // On the ground (and in EPSG:3035) both are well under 1 m^2: only Web Mercator lets the second through.
        Assert.True(LambertAzimuthalEqualAreaEurope.Area(cell.Intersection(new WKTReader().Read(above))) < 0.5);
        Assert.Equal([("c", 2L)], StackedPairs(below, above));
    }

    [Fact]
    public void A_cell_inside_an_asset_is_kept()
    {
        Assert.Equal([("c", 1L)], StackedPairs(WorkedExampleWorkload.Box(9.0, 59.0, 11.0, 61.0)));
    }

    [Fact]
    public void A_self_intersecting_asset_is_repaired_and_evaluated()
    {
        // A bow-tie whose lobes both lie in the cell.
        Assert.Equal([("c", 1L)], StackedPairs("POLYGON ((10.002 60.002, 10.008 60.008, 10.008 60.002, 10.002 60.008, 10.002 60.002))"));
    }

    [Fact]
    public void Empty_and_null_geometries_overlap_nothing()
    {
        Assert.Empty(StackedPairs("POLYGON EMPTY"));
    }

    [Fact]
    public void A_duplicate_cell_is_evaluated_once_but_a_shared_code_in_another_group_is_not_a_duplicate()
    {
        var pairs = StackedPairs(b => b.AddAssetObject(1, 1, WorkedExampleWorkload.Box(9.0, 59.0, 11.0, 61.0)),
            ("c", "basic_mosaic", Cell), ("c", "basic_mosaic", Cell), ("c", "H3_R8", Cell));
        Assert.Equal([("c", 1L), ("c", 1L)], pairs);
    }

    [Fact]
    public void Cells_of_two_groups_sharing_a_code_flatten_into_one_row_with_the_first_rows_group()
    {
        using var run = PipelineRun.Of(new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddAssetGroup(2, "layer_002", 2, 1)
            .AddAssetObject(1, 1, WorkedExampleWorkload.Box(10.0, 60.0, 10.005, 60.01))
            .AddAssetObject(2, 2, WorkedExampleWorkload.Box(10.02, 60.0, 10.025, 60.01))
            .AddGeocode("shared", "basic_mosaic", Cell)
            .AddGeocode("shared", "H3_R8", WorkedExampleWorkload.Cell(10.02)));
        var row = Assert.Single(run.Flat());
        Assert.Equal("basic_mosaic", row["name_gis_geocodegroup"]);
        Assert.Equal(2L, row["assets_overlap_total"]);
        Assert.Equal("layer_001, layer_002", row["asset_group_names"]);
        Assert.All(run.Stacked(), r => Assert.Equal(row["area_m2"], r["area_m2"]));
    }
}
