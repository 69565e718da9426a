using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench warm PROJECT_DIR [--runs N] [--threads N]</c>: the Process step as a running server does it, warm. One
/// process reads the workload and runs the core pipeline (prep, intersect, flatten, segment, manifest; no tiles) N
/// times into a scratch folder, as a server node runs job after job, and prints one JSON line: every run's seconds,
/// and the median total and per-stage seconds of the runs after the first (which pays for the JIT). Bad input gives
/// one line on stderr and exit 1.
/// </summary>
internal static class WarmBenchCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder (config.ini + output/geoparquet/tbl_*.parquet)" };
        var runs = new Option<int>("--runs") { Description = "Runs in this process; the first is not in the medians", DefaultValueFactory = _ => 5 };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2) result.AddError("--runs must be at least 2: the first run only warms up.");
        });
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("warm", "Run the Process step (no tiles) N times in one process and time the warm runs") { project, runs, threads };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(parse.GetValue(project)!, parse.GetValue(runs), parse.GetValue(threads), cancellation)));
        return command;
    }

    private static int Run(string projectFolder, int runs, int threads, CancellationToken cancellation)
    {
        var scratch = Directory.CreateTempSubdirectory("mesa-bench-warm.");
        try
        {
            var seconds = new List<double>();
            var stages = new List<IReadOnlyList<StageTiming>>();
            ProcessingReport? report = null;
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                // A job reads its workload when it starts (CheckpointedPipeline.Run), so each run does too.
                var workload = MesaWorkload.Load(projectFolder);
                report = ProcessingPipeline.Run(workload, new ProcessingOptions
                {
                    OutputFolder = Path.Combine(scratch.FullName, $"run-{run}"), Threads = threads, Engine = CpuEngine.Instance,
                }, cancellation: cancellation);
                seconds.Add(clock.Elapsed.TotalSeconds);
                stages.Add(report.Timings);
            }
            var warm = stages.Skip(1).SelectMany(s => s).GroupBy(t => t.Stage)
                .ToDictionary(g => g.Key, g => Math.Round(Medians.Of(g.Select(t => t.Seconds)), 4));
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["workload"] = Path.GetFullPath(projectFolder),
                ["runs"] = runs,
                ["seconds"] = seconds.Select(s => Math.Round(s, 4)),
                ["median_seconds"] = Math.Round(Medians.Of(seconds.Skip(1)), 4),
                ["stages"] = warm,
                ["stacked_rows"] = report!.Intersect.StackedRows,
                ["flat_rows"] = report.FlatRows,
                ["data_extent_km2"] = report.DataExtentKm2,
            }));
            return 0;
        }
        catch (Exception e) when (e is WorkloadException or IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Report("bench warm", e.Message);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
