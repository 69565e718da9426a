using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.TestSupport;
using Mesa.Tiles.Tests.Support;

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
}
