using Mesa.Processing.Tests.Workload;

namespace Mesa.Processing.Tests.Pipeline;

public sealed class SliverPipelineTests
{
    [Fact]
    public void A_sliver_counts_in_index_owa_then_leaves_tbl_flat_and_backfills_null()
    {
        // 0.6e-5 x 1e-5 degrees at 60N: about 0.37 m^2 on the ground (area_m2 rounds to 0), but
        // about 1.5 m^2 in Web Mercator, so the pair passes the intersect rule.
        const string sliver = "POLYGON ((10.1 60, 10.100006 60, 10.100006 60.00001, 10.1 60.00001, 10.1 60))";
        using var run = PipelineRun.Of(new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddAssetGroup(3, "layer_003", 2, 1)
            .AddAssetObject(1, 1, WorkedExampleWorkload.Box(10.09, 59.99, 10.11, 60.01))
            .AddAssetObject(2, 3, WorkedExampleWorkload.Box(10.0, 60.0, 10.01, 60.01))
            .AddGeocode("sliver", "basic_mosaic", sliver)
            .AddGeocode("big", "basic_mosaic", WorkedExampleWorkload.Cell(10.0)));

        var flat = run.FlatByCode();
        Assert.Equal(["big"], flat.Keys);
        // Ranked with the sliver's better vector still present: D = 2 and "big" is second.
        Assert.Equal(50L, flat["big"]["index_owa"]);
        Assert.Equal(1, run.Report.Slivers);
        var stacked = run.Stacked().ToDictionary(r => (string)r["code"]!);
        Assert.Null(stacked["sliver"]["area_m2"]);
        Assert.Equal(flat["big"]["area_m2"], stacked["big"]["area_m2"]);
    }
}
