using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests;

/// <summary>Spec section 5's grouping, ranking and sliver rules.</summary>
public sealed class FlattenRuleTests
{
    [Fact]
    public async Task Geocode_groups_sharing_a_code_merge_into_one_row_taking_the_first_cell()
    {
        using var workload = new TestWorkload()
            .Group(1, "layer_001", 5, 5, 25, "A", "Very high")
            .Group(2, "layer_002", 4, 4, 16, "B", "High")
            .Cell("x", Square(0, 0, 0.01), "basic_mosaic", 1)
            .Cell("x", Square(1, 1, 0.02), "H3_R8", 2)
            .Asset(1, 2, Square(1.002, 1.002, 0.004))
            .Asset(2, 1, Square(0.002, 0.002, 0.004));

        var result = await TestDatabase.RunAsync(workload.Build());

        var row = Assert.Single(result.Flat);
        Assert.Equal((1L, "basic_mosaic", 2L, 2L, "layer_001, layer_002"),
            (row.RefGeocodeGroup, row.NameGisGeocodeGroup, row.AssetsOverlapTotal, row.AssetGroupsTotal, row.AssetGroupNames));
        Assert.Equal(0.01 * 0.01, new NetTopologySuite.IO.WKBReader().Read(row.Geometry).Area, 12);
    }

    [Fact]
    public async Task Slivers_count_towards_index_owa_before_they_are_dropped()
    {
        // The sliver (about 0.1 m^2) holds a point of sensitivity 25 and ranks first; c1 ranks second of two.
        using var workload = new TestWorkload()
            .Group(1, "layer_001", 5, 5, 25, "A", "Very high")
            .Group(2, "layer_002", 4, 4, 16, "B", "High")
            .Cell("sliver", Square(0.5, 0.5, 0.000003))
            .Cell("c1", Square(0, 0, 0.01))
            .Asset(1, 1, "POINT (0.5000015 0.5000015)")
            .Asset(2, 2, Square(0.002, 0.002, 0.004));

        var result = await TestDatabase.RunAsync(workload.Build());

        Assert.Equal(2, result.Stacked.Count);
        var row = Assert.Single(result.Flat);
        Assert.Equal(("c1", 50L), (row.Code, row.IndexOwa));
    }

    [Fact]
    public async Task Index_owa_rounds_half_to_even()
    {
        // Eight distinct vectors: scores 100, 87.5, 75, 62.5, 50, 37.5, 25, 12.5 before rounding.
        var workload = new TestWorkload();
        for (var s = 1; s <= 8; s++)
        {
            workload.Group(s, $"layer_{s:000}", 1, 1, s, "E", "Very low")
                .Cell($"c{s}", Square(s * 0.02, 0, 0.01))
                .Asset(s, s, Square(s * 0.02 + 0.002, 0.002, 0.004));
        }

        using (workload)
        {
            var result = await TestDatabase.RunAsync(workload.Build());
            Assert.Equal([12L, 25, 38, 50, 62, 75, 88, 100], result.Flat.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.IndexOwa));
        }
    }

    [Fact]
    public async Task Sensitivity_codes_are_normalised_and_break_ties_in_byte_order()
    {
        using var workload = new TestWorkload()
            .Group(1, "layer_001", 4, 4, 16, " b ", "High")
            .Group(2, "layer_002", 4, 4, 16, "a", "High")
            .Group(3, "layer_003", 1, 1, 1, "X", "Unknown")
            .Cell("c1", Square(0, 0, 0.01))
            .Asset(1, 1, Square(0.001, 0.001, 0.002))
            .Asset(2, 2, Square(0.004, 0.004, 0.002))
            .Asset(3, 3, Square(0.007, 0.007, 0.002));

        var row = Assert.Single((await TestDatabase.RunAsync(workload.Build())).Flat);

        Assert.Equal((1L, "X", (string?)null, 16L, "A", "Very high"),
            (row.SensitivityMin, row.SensitivityCodeMin, row.SensitivityDescriptionMin, row.SensitivityMax, row.SensitivityCodeMax, row.SensitivityDescriptionMax));
    }
}
