using Mesa.Processing.Geodesy;
using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Import;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>
/// Every sample package, imported with a hexagon grid and processed end to end, checked against
/// invariants that tie the outputs to each other and to an independent overlay of the inputs.
/// </summary>
public sealed class SamplePipelineTests
{
    private const string Grid = "hex:500";

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Outputs_agree_with_each_other_and_with_an_independent_overlay(string sample)
    {
        var folder = Directory.CreateTempSubdirectory($"mesa-sample-{sample}-").FullName;
        try
        {
            var grid = CellGridSpec.Parse(Grid);
            SampleWorkload.Build(SampleData.Folder(sample), grid, folder);
            // Segment and area_stats work on the basic mosaic: let the hexagons play that part.
            File.WriteAllText(Path.Combine(folder, WorkloadFiles.Config), DefaultConfig.Text.Replace("basic_group_name = basic_mosaic", $"basic_group_name = {grid.DefaultGroupName}"));
            var workload = MesaWorkload.Load(folder);
            var report = ProcessingPipeline.Run(workload, new ProcessingOptions { Threads = 2 });

            var stacked = OutputTable.ReadFolder(OutputTable.Path(folder, OutputFiles.StackedFolder));
            var flat = OutputTable.Read(OutputTable.Path(folder, OutputFiles.Flat)).ToDictionary(r => (string)r["code"]!);
            Assert.True(stacked.Count > 500, $"{sample}: only {stacked.Count} stacked rows");
            Assert.Equal(report.Intersect.StackedRows, stacked.Count);
            Assert.Equal(report.FlatRows, flat.Count);

            AssertFlatSummarisesStacked(stacked, flat);
            AssertPairsMatchAnIndependentOverlay(workload, stacked);
            AssertSegmentationAndAreaStats(folder, grid.DefaultGroupName, stacked, flat);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string> SampleNames => SampleData.Names;

    private static void AssertFlatSummarisesStacked(List<Dictionary<string, object?>> stacked, Dictionary<string, Dictionary<string, object?>> flat)
    {
        var reader = new WKBReader();
        foreach (var rows in stacked.GroupBy(r => (string)r["code"]!))
        {
            var row = flat[rows.Key];
            Assert.Equal((long)rows.Count(), row["assets_overlap_total"]);
            Assert.Equal((long)rows.Select(r => r["ref_asset_group"]).Distinct().Count(), row["asset_groups_total"]);
            Assert.Equal(string.Join(", ", rows.Select(r => (string)r["name_gis_assetgroup"]!).Distinct().Order(StringComparer.Ordinal)), row["asset_group_names"]);
            var sensitivities = rows.Select(r => (long)r["sensitivity"]!).ToList();
            Assert.Equal(sensitivities.Min(), row["sensitivity_min"]);
            Assert.Equal(sensitivities.Max(), row["sensitivity_max"]);
            Assert.Equal(rows.Select(r => (long)r["importance"]!).Max(), row["importance_max"]);
            Assert.InRange((long)row["index_owa"]!, sensitivities.Any(s => s is >= 1 and <= 25) ? 1 : 0, 100);
            Assert.All(rows, r => Assert.Equal(row["area_m2"], r["area_m2"]));
            Assert.All(rows, r => Assert.Equal((byte[])row["geometry"]!, (byte[])r["geometry"]!));
            Assert.Equal(LambertAzimuthalEqualAreaEurope.AreaM2(reader.Read((byte[])row["geometry"]!)), row["area_m2"]);
        }
        Assert.Equal(flat.Count, stacked.Select(r => r["code"]).Distinct().Count());
    }

    // Recomputes the rule for every (cell, asset) pair whose envelopes meet, with a plain
    // OverlayNG intersection and none of the engine's shortcuts.
    private static void AssertPairsMatchAnIndependentOverlay(MesaWorkload workload, List<Dictionary<string, object?>> stacked)
    {
        var assets = workload.Tables.ReadAssetObjects();
        var expected = new HashSet<(string, long)>();
        foreach (var cell in workload.Tables.ReadGeocodeObjects().SelectMany(b => b))
        {
            foreach (var asset in assets.Where(a => a.Geometry.EnvelopeInternal.Intersects(cell.Geometry.EnvelopeInternal)))
            {
                var keep = asset.Geometry is Point
                    ? cell.Geometry.Contains(asset.Geometry)
                    : WebMercator.Area(OverlayNGRobust.Overlay(cell.Geometry, asset.Geometry, SpatialFunction.Intersection)) >= 1.0;
                if (keep) expected.Add((cell.Code, asset.Id));
            }
        }
        var actual = stacked.Select(r => ((string)r["code"]!, (long)r["id_x"]!)).ToHashSet();
        Assert.True(expected.SetEquals(actual),
            $"only in the overlay: {string.Join(' ', expected.Except(actual).Take(5))}; only in tbl_stacked: {string.Join(' ', actual.Except(expected).Take(5))}");
    }

    private static void AssertSegmentationAndAreaStats(string folder, string layer, List<Dictionary<string, object?>> stacked, Dictionary<string, Dictionary<string, object?>> flat)
    {
        var segmentation = OutputTable.Read(OutputTable.Path(folder, $"{OutputFiles.SegmentationFolder}/{layer}.parquet"));
        Assert.Equal(flat.Count, segmentation.Count);
        foreach (var row in segmentation)
        {
            var rows = stacked.Where(r => (string)r["code"]! == (string)row["code"]!).ToList();
            Assert.Equal((long)rows.Count, row["n_assets"]);
            var codes = rows.Select(r => (string)r["sensitivity_code"]!).Where(c => c.Length == 1).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(string.Join('+', codes), row["signature"]);
        }
        var profiles = OutputTable.Read(OutputTable.Path(folder, OutputFiles.SegmentationProfiles));
        Assert.Equal((long)segmentation.Count, profiles.Sum(p => (long)p["n_polygons"]!));

        var stats = System.Text.Json.JsonDocument.Parse(File.ReadAllText(OutputTable.Path(folder, OutputFiles.AreaStats))).RootElement;
        var values = stats.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var reader = new WKBReader();
        var expected = new[] { "A", "B", "C", "D", "E" }
            .Select(code => flat.Values.Where(r => (string?)r["sensitivity_code_max"] == code).Sum(r => GeodesicArea.AreaKm2(reader.Read((byte[])r["geometry"]!))))
            .ToArray();
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], values[i], 9);
        Assert.True(values.Sum() > 0);
    }
}
