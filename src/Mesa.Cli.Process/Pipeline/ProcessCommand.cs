using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Mesa.Gpu;
using Mesa.PostGis;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Tiles;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// <c>mesa-cloud process PROJECT_DIR [--out DIR] [--engine cpu|postgis|gpu|intersect=E,flatten=E] [--connection CS]
/// [--gpu-accelerator cuda|cpu] [--threads N] [--no-tiles] [--timings FILE]</c>: runs MESA's Process step on a project folder and prints a JSON summary; bad
/// input, a bad engine choice or an unreachable database gives one line on stderr and exit 1.
/// </summary>
/// <remarks>
/// The managed mesa-cloud runs every engine (<see cref="Create()"/>); the native entry point runs the cpu engine itself
/// and passes its own factory, which hands any other choice to the managed program before anything is read.
/// </remarks>
public static class ProcessCommand
{
    /// <summary>Makes the engine <c>--engine</c>, <c>--connection</c> and <c>--gpu-accelerator</c> ask for.</summary>
    /// <exception cref="EngineException">The choice cannot run (a missing connection string, say).</exception>
    public delegate IProcessingEngine EngineFactory(EngineChoice choice, string? connectionString, GpuAccelerator gpuAccelerator);

    /// <summary>The run's log (JSON lines), in the output folder.</summary>
    public const string LogFile = "process.log";

    /// <summary>Where <c>--connection</c> comes from when it is not given.</summary>
    public const string ConnectionVariable = "MESA_PG";

    /// <summary>The command with every engine.</summary>
    public static Command Create() => Create(AnyEngine);

    public static Command Create(EngineFactory engines)
    {
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder (config.ini + output/geoparquet/tbl_*.parquet)" };
        var output = new Option<string?>("--out") { Description = "Folder for output/... and manifest.json (default: PROJECT_DIR)" };
        var engine = new Option<string>("--engine")
        {
            Description = "Engine per stage: cpu, postgis, gpu, or intersect=cpu|postgis|gpu,flatten=cpu|postgis (flatten=postgis needs intersect=postgis; gpu is intersect=gpu,flatten=cpu)",
            DefaultValueFactory = _ => EngineChoice.Default.ToString(),
        };
        var connection = new Option<string?>("--connection") { Description = $"Npgsql connection string of the PostGIS database the postgis engine uses (default: ${ConnectionVariable})" };
        var gpuAccelerator = new Option<string>("--gpu-accelerator")
        {
            Description = "Where the gpu engine's kernels run: cuda (a GPU; without one intersect falls back to the cpu engine) or cpu (ILGPU's CPU accelerator, to check the kernels on a machine without a GPU; slow)",
            DefaultValueFactory = _ => GpuAccelerators.CudaName,
        };
        gpuAccelerator.AcceptOnlyFromAmong(GpuAccelerators.CudaName, GpuAccelerators.CpuName);
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--threads must be at least 1.");
        });
        var noTiles = new Option<bool>("--no-tiles") { Description = "Skip the raster MBTiles (output/mbtiles/)" };
        var timings = new Option<string?>("--timings") { Description = "Write where the run's time went (runtime start, reading, each stage, JIT) as JSON to this file" };
        var command = new Command("process", "Run MESA's Process step (prep, intersect, flatten, backfill, segment, tiles) on a project folder")
        {
            project, output, engine, connection, gpuAccelerator, threads, noTiles, timings,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(
            engines, parse.GetValue(project)!, parse.GetValue(output), parse.GetValue(engine)!,
            parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable),
            GpuAccelerators.Parse(parse.GetValue(gpuAccelerator)), parse.GetValue(threads), !parse.GetValue(noTiles), parse.GetValue(timings), cancellation)));
        return command;
    }

    private static IProcessingEngine AnyEngine(EngineChoice choice, string? connectionString, GpuAccelerator gpuAccelerator) =>
        choice.Create(connectionString, $"--connection or ${ConnectionVariable}", gpuAccelerator);

    private static int Run(EngineFactory engines, string projectFolder, string? outputFolder, string engineChoice, string? connectionString, GpuAccelerator gpuAccelerator,
        int threads, bool tiles, string? timingsFile, CancellationToken cancellation)
    {
        var timings = timingsFile is null ? null : new RunTimings();
        timings?.Mark("command line");
        var progress = new ProgressDisplay();
        try
        {
            var engine = engines(EngineChoice.Parse(engineChoice), connectionString, gpuAccelerator);
            timings?.Mark("engine");
            var workload = MesaWorkload.Load(projectFolder);
            timings?.Mark("config.ini + tbl_settings");
            // Warnings to stderr; the whole run as JSON lines beside the outputs, the job's log.
            using var serilog = new LoggerConfiguration()
                .MinimumLevel.Information()
                .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose, restrictedToMinimumLevel: Serilog.Events.LogEventLevel.Warning)
                .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(outputFolder ?? projectFolder, LogFile))
                .CreateLogger();
            using var loggers = new SerilogLoggerFactory(serilog);
            var options = new ProcessingOptions
            {
                OutputFolder = outputFolder, Threads = threads, Engine = engine, Logger = loggers.CreateLogger("process"),
                OutputStages = tiles ? [new TilesStage()] : [],
                StageFinished = timings is null ? null : stage => timings.MarkStage(stage.Stage, stage.Seconds),
            };
            timings?.Mark("log setup");
            var report = ProcessingPipeline.Run(workload, options, progress, cancellation);
            timings?.Mark("manifest");
            progress.Complete();
            WriteSummary(report, Path.GetFullPath(outputFolder ?? projectFolder));
            if (timings is not null)
            {
                timings.Mark("summary");
                timings.Write(timingsFile!);
            }
            return 0;
        }
        catch (Exception e) when (e is WorkloadException or EngineException or IOException or UnauthorizedAccessException)
        {
            progress.Complete();
            return CommandFailure.Report("process", e.Message);
        }
        catch (OperationCanceledException)
        {
            progress.Complete();
            Console.Error.WriteLine("mesa-cloud process: cancelled; no outputs were kept.");
            return 130;
        }
    }

    // One JSON line on stdout. Written field by field: serialising an anonymous object through reflection cost a small
    // job about 0.02 s of JIT on every run.
    private static void WriteSummary(ProcessingReport report, string output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("output", output);
            json.WriteNumber("cells", report.Intersect.Cells);
            json.WriteNumber("duplicate_cells", report.Intersect.DuplicateCells);
            json.WriteNumber("stacked_rows", report.Intersect.StackedRows);
            json.WriteNumber("flat_rows", report.FlatRows);
            json.WriteNumber("slivers", report.Slivers);
            json.WriteNumber("unevaluated_pairs", report.Intersect.UnevaluatedPairs);
            json.WriteNumber("data_extent_km2", report.DataExtentKm2);
            json.WriteString("segmented_layer", report.SegmentedLayer);
            json.WriteString("engine", report.Manifest.Engine);
            json.WriteStartObject("stages");
            foreach (var timing in report.Timings) json.WriteNumber(timing.Stage, Math.Round(timing.Seconds, 3));
            json.WriteEndObject();
            json.WriteNumber("files", report.Manifest.Files.Count);
            json.WriteEndObject();
        }
        Console.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
