using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.GeoParquet;
using Mesa.Processing.Grids;
using Mesa.Processing.Import;

namespace Mesa.Cli.Workload;

/// <summary>
/// <c>workload from-samples SAMPLE_DIR --grid hex:METRES|square:METRES|qdgc:LEVEL --out PROJECT_DIR</c>: imports a
/// MESA sample package (GeoPackage + settings.xlsx) and a generated grid into a project folder ready to process,
/// then prints a one-line JSON summary.
/// </summary>
internal static class FromSamplesCommand
{
    public static Command Create()
    {
        var sample = new Argument<string>("SAMPLE_DIR") { Description = "Sample package folder with one .gpkg and settings.xlsx" };
        var grid = new Option<string>("--grid") { Description = "Cell grid: hex:METRES, square:METRES or qdgc:LEVEL", Required = true };
        var output = new Option<string>("--out") { Description = "Project folder to write (config.ini + output/geoparquet/tbl_*.parquet)", Required = true };
        var command = new Command("from-samples", "Build a workload from a MESA sample package and a generated grid") { sample, grid, output };
        command.SetAction(parse => Run(parse.GetValue(sample)!, parse.GetValue(grid)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string sampleFolder, string gridSpec, string projectFolder)
    {
        var clock = Stopwatch.StartNew();
        SampleImportSummary summary;
        try
        {
            summary = SampleWorkload.Build(sampleFolder, CellGridSpec.Parse(gridSpec), projectFolder);
        }
        catch (Exception e) when (e is ImportException or FormatException or ParquetFormatException or IOException or UnauthorizedAccessException)
        {
            // Import messages name the file already; a grid spec error names the --grid text.
            return CommandFailure.Report("workload from-samples", e.Message);
        }
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("out", projectFolder);
            json.WriteNumber("groups", summary.Groups);
            json.WriteNumber("objects", summary.Objects);
            json.WriteNumber("buffered_points_lines", summary.BufferedPointsAndLines);
            json.WriteNumber("skipped", summary.SkippedFeatures);
            json.WriteString("geocode_group", summary.GeocodeGroup);
            json.WriteNumber("cells", summary.Cells);
            json.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        return 0;
    }
}
