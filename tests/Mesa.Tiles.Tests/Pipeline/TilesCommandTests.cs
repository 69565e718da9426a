using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.TestSupport;
using Mesa.Tiles.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mesa.Tiles.Tests.Pipeline;

/// <summary><c>mesa-cloud process [--no-tiles]</c> and <c>mesa-cloud tiles</c> as real processes on the worked example.</summary>
public sealed class TilesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-tiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Process_writes_tiles_by_default_and_not_with_no_tiles()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        var mbtiles = OutputFiles.PathIn(project, OutputFiles.MbtilesFolder);

        var withTiles = CliRunner.Run("process", project, "--threads", "2");
        Assert.True(withTiles.ExitCode == 0, withTiles.Stderr);
        Assert.Equal(6, Directory.GetFiles(mbtiles, "basic_mosaic_*.mbtiles").Length);
        Assert.Contains("\"tiles\":", withTiles.Stdout);

        var without = CliRunner.Run("process", project, "--threads", "2", "--no-tiles");
        Assert.True(without.ExitCode == 0, without.Stderr);
        Assert.False(Directory.Exists(mbtiles), "a rerun with --no-tiles left the previous run's tiles");
        Assert.DoesNotContain("mbtiles", File.ReadAllText(OutputFiles.PathIn(project, OutputFiles.Manifest)));
    }

    [Fact]
    public void Tiles_writes_the_mbtiles_of_a_processed_project()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        Assert.Equal(0, CliRunner.Run("process", project, "--no-tiles").ExitCode);

        var result = CliRunner.Run("tiles", project, "--minzoom", "9", "--maxzoom", "10", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        var files = summary.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(6, files.Count);
        Assert.All(files, f => Assert.True(File.Exists(OutputFiles.PathIn(project, f!)), $"{f} is missing"));
        Assert.Contains("maxzoom=10", Gdal.Run("gdalinfo", OutputFiles.PathIn(project, files[0]!)));
        var manifest = Manifest.FromJson(File.ReadAllText(OutputFiles.PathIn(project, OutputFiles.Manifest)));
        Assert.Equal(files.Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Path).Where(p => p.StartsWith(OutputFiles.MbtilesFolder, StringComparison.Ordinal)));
        Assert.Contains(manifest.Files, f => f.Path == OutputFiles.Flat);
        Assert.Equal("tiles", manifest.Stages[^1].Stage);
        var first = manifest.Files.Single(f => f.Path == files[0]);
        Assert.Equal(new FileInfo(OutputFiles.PathIn(project, files[0]!)).Length, first.Bytes);
    }

    [Fact]
    public void Tiles_refuses_a_project_without_tbl_flat_and_a_bad_zoom_range()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));

        var missing = CliRunner.Run("tiles", project);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("tbl_flat.parquet", missing.Stderr);
        Assert.Equal("", missing.Stdout);

        var badZoom = CliRunner.Run("tiles", project, "--minzoom", "12", "--maxzoom", "6");
        Assert.Equal(1, badZoom.ExitCode);
        Assert.Equal("mesa-cloud tiles: Zoom levels 12..6: need 0 <= min <= max <= 22.", badZoom.Stderr.TrimEnd());
    }

    [Fact]
    public void Groups_whose_names_clean_to_the_same_prefix_get_numbered_files_in_group_order()
    {
        var project = WorkedExampleWorkload.Build()
            .AddGeocode("d1", "Basic mosaic", WorkedExampleWorkload.Cell(10.00), refGeocodeGroup: 2)
            .Build(Path.Combine(_folder, "project"));
        Assert.Equal(0, CliRunner.Run("process", project, "--no-tiles").ExitCode);

        var result = CliRunner.Run("tiles", project, "--minzoom", "10", "--maxzoom", "10");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var mbtiles = OutputFiles.PathIn(project, OutputFiles.MbtilesFolder);
        string Description(string file)
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(mbtiles, file), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            db.Open();
            using var query = db.CreateCommand();
            query.CommandText = "SELECT value FROM metadata WHERE name = 'description'";
            return (string)query.ExecuteScalar()!;
        }
        string[] layers = ["sensitivity_max", "groupstotal", "assetstotal", "importance_max", "index_owa"];
        var expected = layers.Append("seg_signatures").Select(l => $"basic_mosaic_{l}.mbtiles").Concat(layers.Select(l => $"Basic_mosaic_2_{l}.mbtiles"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(mbtiles).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("MESA basic_mosaic: Maximum sensitivity band", Description("basic_mosaic_sensitivity_max.mbtiles"));
        Assert.Equal("MESA Basic mosaic: Maximum sensitivity band", Description("Basic_mosaic_2_sensitivity_max.mbtiles"));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_fails_with_one_line_naming_it()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        Assert.Equal(0, CliRunner.Run("process", project, "--no-tiles").ExitCode);
        var mbtiles = OutputFiles.PathIn(project, OutputFiles.MbtilesFolder);
        File.WriteAllText(mbtiles, "a file where the folder should go");

        var result = CliRunner.Run("tiles", project);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(mbtiles, FailureLine(result.Stderr));
    }

    [Fact]
    public void A_file_name_the_file_system_refuses_fails_with_one_line_naming_the_file()
    {
        // 120 two-byte characters and a layer suffix make a name of 264 bytes: more than Linux allows (255).
        var group = new string('ø', 120);
        var project = WorkedExampleWorkload.Build().AddGeocode("d1", group, WorkedExampleWorkload.Cell(10.00), refGeocodeGroup: 2).Build(Path.Combine(_folder, "project"));
        var processed = CliRunner.Run("process", project, "--no-tiles");
        Assert.True(processed.ExitCode == 0, processed.Stderr);

        var result = CliRunner.Run("tiles", project);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(OutputFiles.PathIn(project, OutputFiles.MbtilesFolder), $"{group}_sensitivity_max.mbtiles"), FailureLine(result.Stderr));
    }

    // Progress lines may come first on stderr; the failure is one line after them, without a stack trace.
    private static string FailureLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        return Assert.Single(lines, l => l.StartsWith("mesa-cloud tiles: ", StringComparison.Ordinal));
    }
}
