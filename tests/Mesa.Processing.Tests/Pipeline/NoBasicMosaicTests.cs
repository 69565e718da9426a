using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Workload;

namespace Mesa.Processing.Tests.Pipeline;

public sealed class NoBasicMosaicTests
{
    [Fact]
    public void Without_a_basic_mosaic_area_stats_says_so_and_the_only_layer_is_segmented()
    {
        using var run = PipelineRun.Of(new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddAssetObject(1, 1, WorkedExampleWorkload.Box(9.0, 59.0, 11.0, 61.0))
            .AddGeocode("h1", "H3_R8", WorkedExampleWorkload.Cell(10.0)));

        var stats = JsonDocument.Parse(File.ReadAllText(OutputTable.Path(run.Folder, OutputFiles.AreaStats))).RootElement;
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0], stats.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Contains("basic_mosaic", stats.GetProperty("message").GetString());
        // MESA segments the alphabetically first layer when there is no basic mosaic (spec section 11).
        Assert.Equal("H3_R8", run.Report.SegmentedLayer);
        Assert.True(File.Exists(OutputTable.Path(run.Folder, OutputFiles.SegmentationProfiles)));
        Assert.Single(run.Flat());
    }
}
