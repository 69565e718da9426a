using Mesa.Processing.Flatten;
using Mesa.Processing.Geodesy;
using Mesa.Processing.Pipeline;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Pipeline;

public sealed class WorkedExamplePipelineTests : IDisposable
{
    private readonly PipelineRun _run = PipelineRun.Of(WorkedExampleWorkload.Build());

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Stacks_seven_rows_dropping_the_edge_touching_pair()
    {
        var pairs = _run.Stacked().Select(r => ((string)r["code"]!, (long)r["id_x"]!)).ToList();
        Assert.Equal([("c1", 101L), ("c1", 102L), ("c1", 301L), ("c2", 201L), ("c3", 401L), ("c4", 202L), ("c4", 303L)], pairs);
        Assert.Equal(7, _run.Report.Intersect.StackedRows);
    }

    [Fact]
    public void Flattens_to_the_spec_table()
    {
        var flat = _run.FlatByCode();
        Assert.Equal(["c1", "c2", "c3", "c4"], flat.Keys.Order());
        AssertRow(flat["c1"], 3, 2, "layer_001, layer_003", (2, "D", 5, "A"), (1, "E", 5, "A"), (2, "E", 25, "A"), 100);
        AssertRow(flat["c2"], 1, 1, "layer_002", (4, "B", 4, "B"), (4, "B", 4, "B"), (16, "B", 16, "B"), 50);
        AssertRow(flat["c3"], 1, 1, "layer_004", (0, null, 0, null), (0, null, 0, null), (0, "", 0, ""), 0);
        AssertRow(flat["c4"], 2, 2, "layer_002, layer_003", (2, "D", 4, "B"), (1, "E", 4, "B"), (2, "E", 16, "B"), 75);
        Assert.Equal("Very low", flat["c1"]["sensitivity_description_min"]);
        Assert.Equal("Very high", flat["c1"]["sensitivity_description_max"]);
        Assert.Null(flat["c3"]["sensitivity_description_max"]);
        Assert.Equal("Low", flat["c4"]["importance_description_min"]);
    }

    [Fact]
    public void Writes_the_27_columns_in_spec_order_with_the_cell_geometry_and_its_area()
    {
        var path = OutputTable.Path(_run.Folder, OutputFiles.Flat);
        Assert.Equal(
            ["ref_geocodegroup", "name_gis_geocodegroup", "code",
             "importance_min", "importance_max", "importance_code_min", "importance_description_min", "importance_code_max", "importance_description_max",
             "sensitivity_min", "sensitivity_max", "sensitivity_code_min", "sensitivity_description_min", "sensitivity_code_max", "sensitivity_description_max",
             "susceptibility_min", "susceptibility_max", "susceptibility_code_min", "susceptibility_description_min", "susceptibility_code_max", "susceptibility_description_max",
             "asset_group_names", "asset_groups_total", "area_m2", "assets_overlap_total", "index_owa", "geometry"],
            OutputTable.ColumnNames(path));
        var c1 = _run.FlatByCode()["c1"];
        var geometry = new WKBReader().Read((byte[])c1["geometry"]!);
        Assert.True(geometry.EqualsExact(new WKTReader().Read(WorkedExampleWorkload.Cell(10.00))));
        Assert.Equal(LambertAzimuthalEqualAreaEurope.AreaM2(geometry), c1["area_m2"]);
        Assert.Equal(1L, c1["ref_geocodegroup"]);
        Assert.Equal("basic_mosaic", c1["name_gis_geocodegroup"]);
    }

    [Fact]
    public void Stacked_and_flat_rows_carry_the_cells_geometry_bytes_as_stored()
    {
        var stored = OutputTable.Read(OutputTable.Path(_run.Folder, Mesa.Processing.Workload.WorkloadFiles.GeocodeObject))
            .ToDictionary(r => (string)r["code"]!, r => (byte[])r["geometry"]!);
        Assert.All(_run.Stacked(), row => Assert.Equal(stored[(string)row["code"]!], (byte[])row["geometry"]!));
        Assert.All(_run.Flat(), row => Assert.Equal(stored[(string)row["code"]!], (byte[])row["geometry"]!));
    }

    [Fact]
    public void Backfills_every_stacked_row_with_its_cells_area()
    {
        var areas = _run.FlatByCode().ToDictionary(p => p.Key, p => p.Value["area_m2"]);
        Assert.All(_run.Stacked(), row => Assert.Equal(areas[(string)row["code"]!], row["area_m2"]));
    }

    [Fact]
    public void Stacked_rows_carry_the_asset_and_group_columns()
    {
        var row = _run.Stacked().Single(r => (long)r["id_x"]! == 301);
        Assert.Equal("c1", row["code"]);
        Assert.Equal(3L, row["ref_asset_group"]);
        Assert.Equal(3L, row["id_y"]);
        Assert.Equal("layer_003", row["name_gis_assetgroup"]);
        Assert.Equal(3L, row["total_asset_objects"]);
        Assert.Equal(2L, row["importance"]);
        Assert.Equal(1L, row["susceptibility"]);
        Assert.Equal(2L, row["sensitivity"]);
        Assert.Equal("E", row["sensitivity_code"]);
        Assert.Equal("Very low", row["sensitivity_description"]);
        Assert.Equal(0L, row["grid_cell"]);
        Assert.Equal(
            ["code", "ref_geocodegroup", "name_gis_geocodegroup", "geometry", "grid_cell", "id_x", "asset_group_name", "attributes", "ref_asset_group",
             "id_y", "name_gis_assetgroup", "total_asset_objects", "importance", "susceptibility", "sensitivity", "sensitivity_code", "sensitivity_description", "area_m2"],
            row.Keys);
    }

    [Fact]
    public void Segments_the_basic_mosaic_and_writes_area_stats()
    {
        var segmentation = OutputTable.Read(OutputTable.Path(_run.Folder, $"{OutputFiles.SegmentationFolder}/basic_mosaic.parquet")).ToDictionary(r => (string)r["code"]!);
        Assert.Equal("A+E", segmentation["c1"]["signature"]);
        Assert.Equal(3L, segmentation["c1"]["n_assets"]);
        Assert.Equal(Math.Round((25 + 25 + 2) / 3.0, 4), segmentation["c1"]["sens_mean"]);
        Assert.Equal("", segmentation["c3"]["signature"]);
        Assert.Null(segmentation["c1"]["cluster_id"]);
        var profiles = OutputTable.Read(OutputTable.Path(_run.Folder, OutputFiles.SegmentationProfiles));
        Assert.Equal(new[] { "A+E", "B", "(no overlap)", "B+E" }.Order(), profiles.Select(p => (string)p["zone"]!).Order());
        var stats = System.Text.Json.JsonDocument.Parse(File.ReadAllText(OutputTable.Path(_run.Folder, OutputFiles.AreaStats))).RootElement;
        var values = stats.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var flat = _run.FlatByCode();
        double Km2(string code) => GeodesicArea.AreaKm2(new WKBReader().Read((byte[])flat[code]["geometry"]!));
        Assert.Equal(Km2("c1"), values[0], 12);
        Assert.Equal(Km2("c2") + Km2("c4"), values[1], 12);
        Assert.Equal([0.0, 0.0, 0.0], values[2..]);
    }

    [Fact]
    public void Manifest_lists_every_output_with_its_hash()
    {
        var manifest = Manifest.FromJson(File.ReadAllText(OutputTable.Path(_run.Folder, OutputFiles.Manifest)));
        Assert.Contains(manifest.Files, f => f.Path == OutputFiles.Flat);
        Assert.Contains(manifest.Files, f => f.Path == OutputFiles.DataExtent);
        Assert.Contains(manifest.Files, f => f.Path.StartsWith(OutputFiles.StackedFolder + "/", StringComparison.Ordinal));
        foreach (var file in manifest.Files)
        {
            var bytes = File.ReadAllBytes(OutputTable.Path(_run.Folder, file.Path));
            Assert.Equal(bytes.Length, file.Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);
        }
        Assert.Equal(["prep", "intersect", "flatten", "segment"], manifest.Stages.Select(s => s.Stage));
        Assert.Equal(Manifest.StagesNotComputed, manifest.NotComputed);
    }

    [Fact]
    public void Data_extent_is_the_union_of_the_assets()
    {
        var extent = OutputTable.Read(OutputTable.Path(_run.Folder, OutputFiles.DataExtent)).Single();
        Assert.Equal("data_extent", extent["name"]);
        var union = new WKBReader().Read((byte[])extent["geometry"]!);
        Assert.Equal(GeodesicArea.AreaKm2(union), (double)extent["area_km2"]!, 12);
        Assert.Equal(5, union.NumGeometries);
    }

    private static void AssertRow(
        Dictionary<string, object?> row, long overlap, long groups, string names,
        (long? Min, string? CodeMin, long? Max, string? CodeMax) importance,
        (long? Min, string? CodeMin, long? Max, string? CodeMax) susceptibility,
        (long? Min, string? CodeMin, long? Max, string? CodeMax) sensitivity,
        long indexOwa)
    {
        Assert.Equal(overlap, row["assets_overlap_total"]);
        Assert.Equal(groups, row["asset_groups_total"]);
        Assert.Equal(names, row["asset_group_names"]);
        foreach (var (name, expected) in new[] { ("importance", importance), ("susceptibility", susceptibility), ("sensitivity", sensitivity) })
        {
            Assert.Equal(expected.Min, row[$"{name}_min"]);
            Assert.Equal(expected.CodeMin, row[$"{name}_code_min"]);
            Assert.Equal(expected.Max, row[$"{name}_max"]);
            Assert.Equal(expected.CodeMax, row[$"{name}_code_max"]);
        }
        Assert.Equal(indexOwa, row["index_owa"]);
    }
}
