using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.GeoParquet;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Tiles;
using Mesa.Tiles.Rendering;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// <c>mesa-cloud tiles PROJECT_DIR [--minzoom Z] [--maxzoom Z] [--threads N]</c>: the raster MBTiles of an
/// already processed project (its tbl_flat and tbl_segmentation) into output/mbtiles/, listed in its manifest.json
/// when it has one; prints a JSON summary.
/// </summary>
internal static class TilesCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT_DIR") { Description = "Processed MESA project folder (config.ini + output/geoparquet/tbl_flat.parquet)" };
        var minZoom = new Option<int?>("--minzoom") { Description = "Lowest zoom level (default: config.ini tiles_minzoom, 6)" };
        var maxZoom = new Option<int?>("--maxzoom") { Description = "Highest zoom level (default: config.ini tiles_maxzoom, 12)" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--threads must be at least 1.");
        });
        var command = new Command("tiles", "Write the raster MBTiles (output/mbtiles/) of a processed project") { project, minZoom, maxZoom, threads };
        command.SetAction((parse, cancellation) => Task.FromResult(
            Run(parse.GetValue(project)!, parse.GetValue(minZoom), parse.GetValue(maxZoom), parse.GetValue(threads), cancellation)));
        return command;
    }

    private static int Run(string projectFolder, int? minZoom, int? maxZoom, int threads, CancellationToken cancellation)
    {
        var progress = new ProgressDisplay();
        try
        {
            var config = MesaWorkload.Load(projectFolder).Config;
            var zooms = new ZoomRange(minZoom ?? config.GetDefaultInt32("tiles_minzoom"), maxZoom ?? config.GetDefaultInt32("tiles_maxzoom"));
            var clock = Stopwatch.StartNew();
            var files = new TilesStage(zooms).Write(projectFolder, config, threads, progress, cancellation);
            ReadManifest(projectFolder)?
                .WithStageOutput(projectFolder, OutputFiles.MbtilesFolder, files, new StageTiming(TilesStage.StageName, clock.Elapsed.TotalSeconds), DateTimeOffset.UtcNow)
                .Write(projectFolder);
            progress.Complete();
            PrintSummary(Path.GetFullPath(projectFolder), Math.Round(clock.Elapsed.TotalSeconds, 3), files);
            return 0;
        }
        catch (Exception e) when (e is WorkloadException or ParquetFormatException or ArgumentOutOfRangeException or IOException or UnauthorizedAccessException or JsonException)
        {
            progress.Complete();
            return CommandFailure.Report("tiles", e.Message);
        }
        catch (OperationCanceledException)
        {
            progress.Complete();
            Console.Error.WriteLine("mesa-cloud tiles: cancelled; the files in output/mbtiles are incomplete.");
            return 130;
        }
    }

    // {"output":...,"seconds":...,"files":[...]} on one line, written directly as the other commands' summaries are:
    // serialising by reflection would cost this short command tens of milliseconds to set up.
    private static void PrintSummary(string output, double seconds, IReadOnlyList<string> files)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("output", output);
            json.WriteNumber("seconds", seconds);
            json.WriteStartArray("files");
            foreach (var file in files) json.WriteStringValue(file);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    // A processed folder's manifest.json must keep listing every output file: the new tiles replace any listed before.
    // Null for a folder without one.
    private static Manifest? ReadManifest(string folder)
    {
        var path = OutputFiles.PathIn(folder, OutputFiles.Manifest);
        return File.Exists(path) ? Manifest.FromJson(File.ReadAllText(path)) : null;
    }
}
