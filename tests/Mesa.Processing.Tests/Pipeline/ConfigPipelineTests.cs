using System.Text.Json;
using Mesa.Processing.Geodesy;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.Processing.Workload;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>Whole runs on workloads whose config.ini is not MESA's default (spec section 11).</summary>
public sealed class ConfigPipelineTests
{
    // Bands numbered the other way round, a three-point scale and an empty description for [A].
    private const string ReversedThreePointConfig = """
        [DEFAULT]
        mesa_version = 5.6.0
        area_projection_epsg = 4326
        [A]
        range = 1-5
        description =
        category_colour = #000001
        [B]
        range = 6-10
        description = Two
        category_colour = #000002
        [C]
        range = 11-15
        description = Three
        category_colour = #000003
        [D]
        range = 16-20
        description = Four
        category_colour = #000004
        [E]
        range = 21-25
        description = Five
        category_colour = #000005
        [VALID_VALUES]
        valid_input = 1,2,3
        """;

    private static TestWorkloadBuilder TwoGroupsOnOneCell(string? config, string layer = "basic_mosaic") => new TestWorkloadBuilder()
        .WithConfig(config)
        .AddAssetGroup(1, "layer_001", importance: 3, susceptibility: 1, sensitivity: 3, sensitivityCode: "A")
        .AddAssetGroup(2, "layer_002", importance: 2, susceptibility: 2, sensitivity: 4, sensitivityCode: "a")
        .AddAssetObject(1, 1, WorkedExampleWorkload.Box(9.0, 59.0, 11.0, 61.0))
        .AddAssetObject(2, 2, WorkedExampleWorkload.Box(9.0, 59.0, 11.0, 61.0))
        .AddGeocode("c1", layer, WorkedExampleWorkload.Cell(10.0));

    [Fact]
    public void Letters_come_from_the_band_order_and_valid_input_and_an_empty_description_is_written_empty()
    {
        using var run = PipelineRun.Of(TwoGroupsOnOneCell(ReversedThreePointConfig));

        var c1 = run.FlatByCode()["c1"];
        // Lowest range first: A (1-5) takes 1, B takes 2, C takes 3.
        Assert.Equal((2L, "B", "Two", 3L, "C", "Three"),
            (c1["importance_min"], c1["importance_code_min"], c1["importance_description_min"],
             c1["importance_max"], c1["importance_code_max"], c1["importance_description_max"]));
        Assert.Equal((1L, "A", "", 2L, "B", "Two"),
            (c1["susceptibility_min"], c1["susceptibility_code_min"], c1["susceptibility_description_min"],
             c1["susceptibility_max"], c1["susceptibility_code_max"], c1["susceptibility_description_max"]));
        Assert.Equal(("A", "", "A", ""),
            (c1["sensitivity_code_min"], c1["sensitivity_description_min"], c1["sensitivity_code_max"], c1["sensitivity_description_max"]));
        // 4326 means 3035 in MESA.
        Assert.Equal(LambertAzimuthalEqualAreaEurope.AreaM2(new WKTReader().Read(WorkedExampleWorkload.Cell(10.0))), c1["area_m2"]);
    }

    [Fact]
    public void The_manifest_records_the_mesa_version_config_ini_names()
    {
        using var named = PipelineRun.Of(TwoGroupsOnOneCell(ReversedThreePointConfig));
        using var unnamed = PipelineRun.Of(TwoGroupsOnOneCell(DefaultConfig.Text));

        Assert.Equal("5.6.0", named.Report.Manifest.MesaVersion);
        Assert.Equal("5.6.0", ManifestJson(named).GetProperty("mesa_version").GetString());
        Assert.Null(unnamed.Report.Manifest.MesaVersion);
        Assert.Equal(JsonValueKind.Null, ManifestJson(unnamed).GetProperty("mesa_version").ValueKind);
    }

    [Theory]
    [InlineData("mesa_version = 5.5.2", "mesa_version = '5.5.2'")]
    [InlineData("mesa_version = 6.0", "mesa_version = '6.0'")]
    [InlineData("area_projection_epsg = 32633", "area_projection_epsg = '32633'")]
    public void Preflight_refuses_a_version_or_projection_it_does_not_cover_and_writes_nothing(string line, string named)
    {
        var folder = Directory.CreateTempSubdirectory("mesa-config-").FullName;
        try
        {
            TwoGroupsOnOneCell($"{DefaultConfig.Text}\n[DEFAULT]\n{line}\n").Build(folder);
            var workload = MesaWorkload.Load(folder);

            Assert.Contains(named, Assert.Throws<WorkloadException>(workload.Preflight).Message);
            Assert.Throws<WorkloadException>(() => ProcessingPipeline.Run(workload, new ProcessingOptions()));
            Assert.False(File.Exists(OutputFiles.PathIn(folder, OutputFiles.Flat)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_basic_mosaic_or_segment_geocode_layer_the_first_layer_is_segmented()
    {
        using var run = PipelineRun.Of(TwoGroupsOnOneCell(DefaultConfig.Text, layer: "QDGC_L6")
            .AddGeocode("h1", "H3_R8", WorkedExampleWorkload.Cell(10.5)));

        Assert.Equal("H3_R8", run.Report.SegmentedLayer);
        var rows = OutputTable.Read(Path.Combine(OutputTable.Path(run.Folder, OutputFiles.SegmentationFolder), "H3_R8.parquet"));
        Assert.Equal(["h1"], rows.Select(r => (string)r["code"]!));
        Assert.Single(Directory.GetFiles(OutputTable.Path(run.Folder, OutputFiles.SegmentationFolder)));
    }

    private static JsonElement ManifestJson(PipelineRun run) =>
        JsonDocument.Parse(File.ReadAllText(OutputTable.Path(run.Folder, OutputFiles.Manifest))).RootElement;
}
