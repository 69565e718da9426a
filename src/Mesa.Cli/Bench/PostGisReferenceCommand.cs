using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.PostGis;
using Mesa.Processing.Workload;
using Npgsql;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench postgis-reference WORKLOAD_DIR [--connection CS]</c>: runs intersect and flatten of a workload in
/// PostGIS (<see cref="PostGisReferenceRun"/>) and prints one JSON line with per-stage seconds and row counts,
/// the baseline bench/pipeline.sh sets the cpu engine against. Failures give one line on stderr and exit 1.
/// </summary>
internal static class PostGisReferenceCommand
{
    /// <summary>The throwaway test cluster scripts/test-env.sh starts.</summary>
    private const string TestConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa";

    public static Command Create()
    {
        var workload = new Argument<string>("WORKLOAD_DIR") { Description = "MESA project folder (config.ini + output/geoparquet/tbl_*.parquet)" };
        var connection = new Option<string?>("--connection") { Description = "Npgsql connection string (default: $MESA_PG, else the test cluster on 127.0.0.1:55432)" };
        var command = new Command("postgis-reference", "Run intersect and flatten in PostGIS and time each stage") { workload, connection };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(workload)!, parse.GetValue(connection), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string folder, string? connectionString, CancellationToken cancellation)
    {
        connectionString ??= Environment.GetEnvironmentVariable("MESA_PG") is { Length: > 0 } configured ? configured : TestConnectionString;
        var clock = Stopwatch.StartNew();
        PostGisRunResult result;
        try
        {
            result = await PostGisReferenceRun.RunAsync(folder, connectionString, cancellation);
        }
        catch (Exception e) when (e is WorkloadException or NpgsqlException or IOException or ArgumentException)
        {
            return CommandFailure.Report("bench postgis-reference", e.Message);
        }
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = "postgis",
            ["workload"] = Path.GetFullPath(folder),
            ["stacked_rows"] = result.Stacked.Count,
            ["flat_rows"] = result.Flat.Count,
            ["data_extent_km2"] = result.DataExtentKm2,
            ["staged_rows"] = result.Staging.ToDictionary(t => t.Table, t => t.Rows),
            ["stages"] = result.Timings.ToDictionary(t => t.Stage, t => Math.Round(t.Elapsed.TotalSeconds, 3)),
            ["total_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["repaired"] = result.Repaired,
            ["warnings"] = result.Warnings.Count,
        }));
        return 0;
    }
}
