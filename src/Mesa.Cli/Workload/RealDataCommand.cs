using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.Cli.Workload.RealData;
using Mesa.Processing.Grids;

namespace Mesa.Cli.Workload;

/// <summary>
/// <c>workload realdata SOURCES_DIR --region NAME --grid SPEC [--grid SPEC ...] --out PROJECT_DIR</c>: cuts a MESA
/// project from the real borders, seas and coastlines of the <c>@geo-maps</c> npm packages installed in SOURCES_DIR
/// (<see cref="RealDataWorkload"/>), with one geocode group per grid, and prints a one-line JSON summary.
/// </summary>
internal static class RealDataCommand
{
    public static Command Create()
    {
        var sources = new Argument<string>("SOURCES_DIR") { Description = "Folder holding the @geo-maps packages (node_modules/@geo-maps)" };
        var region = new Option<string>("--region") { Description = $"Region to cut: {string.Join(", ", RealDataRegion.All.Select(r => $"{r.Name} ({r.Description})"))}", Required = true };
        var grids = new Option<string[]>("--grid") { Description = "Cell grid, once per geocode group: hex:METRES, square:METRES or qdgc:LEVEL", Required = true };
        var output = new Option<string>("--out") { Description = "Project folder to write (config.ini + output/geoparquet/tbl_*.parquet)", Required = true };
        var command = new Command("realdata", "Build a workload from real borders, seas and coastlines over one region") { sources, region, grids, output };
        command.SetAction(parse => Run(parse.GetValue(sources)!, parse.GetValue(region)!, parse.GetValue(grids)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string sourcesFolder, string regionName, string[] gridSpecs, string projectFolder)
    {
        var clock = Stopwatch.StartNew();
        if (RealDataRegion.Named(regionName) is not { } region)
            return CommandFailure.Report("workload realdata", $"unknown region '{regionName}': use one of {string.Join(", ", RealDataRegion.All.Select(r => r.Name))}.");
        RealDataSummary summary;
        try
        {
            summary = RealDataWorkload.Build(sourcesFolder, region, [.. gridSpecs.Select(CellGridSpec.Parse)], projectFolder);
        }
        catch (Exception e) when (e is FormatException or JsonException or IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Report("workload realdata", e.Message);
        }
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("out", projectFolder);
            json.WriteString("region", region.Name);
            json.WriteNumber("groups", summary.Groups);
            json.WriteNumber("objects", summary.Objects);
            json.WriteNumber("repaired_objects", summary.RepairedObjects);
            json.WriteNumber("vertices", summary.Vertices);
            json.WriteStartObject("cells");
            foreach (var (group, cells) in summary.Cells) json.WriteNumber(group, cells);
            json.WriteEndObject();
            json.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        return 0;
    }
}
