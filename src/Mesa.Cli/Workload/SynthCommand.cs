using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mesa.Processing.Synthetic;

namespace Mesa.Cli.Workload;

/// <summary>
/// <c>workload synth --target-mb MB --seed N --out DIR [--cells N]</c>: writes a synthetic MESA project folder
/// (<see cref="SyntheticWorkload"/>) and prints a one-line JSON summary. Bad arguments give one line on stderr and
/// exit code 1.
/// </summary>
internal static class SynthCommand
{
    private const double BytesPerMb = 1_000_000;

    public static Command Create()
    {
        var targetMb = new Option<double>("--target-mb") { Description = "Total size of the Parquet tables to aim for, in MB (10^6 bytes)", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same bytes", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Project folder to write (created if missing; its tables are replaced)" };
        var cells = new Option<long?>("--cells") { Description = "About how many hexagon cells to write (default: 10,000 per MB of target)" };
        var command = new Command("synth", "Write a synthetic MESA workload: asset groups, clustered organic polygons and a hexagon grid")
        {
            targetMb, seed, output, cells,
        };
        command.SetAction(parse => Run(parse.GetValue(targetMb), parse.GetValue(seed), parse.GetValue(output), parse.GetValue(cells)));
        return command;
    }

    private static int Run(double targetMb, int seed, string? folder, long? cells)
    {
        long targetBytes = (long)(targetMb * BytesPerMb);
        var problem =
            string.IsNullOrWhiteSpace(folder) ? "--out is required: the project folder to write."
            : !double.IsFinite(targetMb) || targetBytes <= 0 ? $"--target-mb must be a positive number of MB, not {targetMb.ToString(CultureInfo.InvariantCulture)}."
            : cells is <= 0 or > SyntheticWorkload.MaxCells ? $"--cells must be 1..{SyntheticWorkload.MaxCells}, not {cells}."
            : null;
        if (problem is not null) return Fail(problem);
        try
        {
            var watch = Stopwatch.StartNew();
            var summary = SyntheticWorkload.Generate(folder!, new SyntheticOptions(targetBytes, seed, cells ?? SyntheticOptions.DefaultCells(targetBytes)));
            Print(summary, folder!, watch.Elapsed.TotalSeconds);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"{folder}: {e.Message}");
        }
    }

    private static int Fail(string message) => CommandFailure.Report("workload synth", message);

    private static void Print(SyntheticSummary summary, string folder, double seconds)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("out", folder);
            json.WriteNumber("groups", summary.Groups);
            json.WriteNumber("unassessed_groups", summary.UnassessedGroups);
            json.WriteNumber("objects", summary.Objects);
            json.WriteNumber("cells", summary.Cells);
            json.WriteString("geocode_group", summary.GeocodeGroup);
            json.WriteNumber("cell_metres", summary.CellMetres);
            json.WriteStartArray("region");
            foreach (var bound in new[] { summary.Region.MinX, summary.Region.MinY, summary.Region.MaxX, summary.Region.MaxY })
                json.WriteNumberValue(Math.Round(bound, 6));
            json.WriteEndArray();
            json.WriteStartObject("bytes");
            foreach (var (table, bytes) in summary.TableBytes) json.WriteNumber(table, bytes);
            json.WriteEndObject();
            json.WriteNumber("total_bytes", summary.TotalBytes);
            json.WriteNumber("seconds", Math.Round(seconds, 2));
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
