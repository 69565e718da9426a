using System.Diagnostics;
using Mesa.Gpu;
using EngineChoice = Mesa.PostGis.EngineChoice;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Mesa.Tiles;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// Runs a job's pipeline in its run folder with a checkpoint per stage in <c>job_stages</c>. The core stages (prep,
/// intersect, flatten, segment) run as one pass and end with a manifest of their files; the output stage (tiles) then
/// works from those files. A requeued job takes over the folder of an earlier run that completed the core pass when
/// every file its manifest lists is still there with the same size and SHA-256, and runs only tiles; otherwise it
/// runs from the start.
/// </summary>
public sealed class CheckpointedPipeline(JobRepository jobs, DataFolder folder, TimeProvider clock, IOptions<MesaOptions> options)
{
    // Built with the node, so that a bad engine setting stops it at start-up rather than failing every job.
    private readonly IProcessingEngine _engine = EngineChoice.Parse(options.Value.Processing.Engine)
        .Create(options.Value.Processing.PostGisConnectionString, "Mesa:Processing:PostGisConnectionString",
            GpuAccelerators.Parse(options.Value.Processing.GpuAccelerator));

    /// <summary>
    /// The core manifest of the newest earlier run checkpointed after segment, with that run's folder moved to
    /// <paramref name="attempt"/>; null when there is none or its files changed.
    /// </summary>
    public Manifest? ClaimCheckpoint(JobRecord job, string attempt, ILogger jobLogger)
    {
        var checkpointed = jobs.Stages(job.Id)
            .Where(s => s.Run < job.Runs && s.Stage == PipelineStages.Core[^1] && s.FinishedMs is not null)
            .Select(s => s.Run).DefaultIfEmpty(0).Max();
        if (checkpointed == 0) return null;
        var earlier = folder.Attempt(job.Id, checkpointed);
        if (IntactCoreManifest(job, earlier) is { } manifest)
        {
            if (Directory.Exists(attempt)) Directory.Delete(attempt, recursive: true);
            Directory.Move(earlier, attempt);
            jobLogger.LogInformation("Resuming after checkpoint '{Stage}': the outputs of run {Run} are intact", PipelineStages.Core[^1], checkpointed);
            return manifest;
        }
        jobLogger.LogWarning("The outputs checkpointed after '{Stage}' in run {Run} are missing or changed; running from the start", PipelineStages.Core[^1], checkpointed);
        return null;
    }

    /// <summary>Runs the stages after <paramref name="checkpoint"/> (all of them when null) in <paramref name="attempt"/>.</summary>
    /// <returns>The manifest of the complete outputs.</returns>
    public Manifest Run(JobRecord job, string attempt, Manifest? checkpoint, int threads, ILogger jobLogger, IProgress<StageProgress> progress,
        JobReporter reporter, CancellationToken cancellation)
    {
        var workload = MesaWorkload.Load(folder.Workload(job.Id));
        var core = checkpoint ?? ProcessingPipeline.Run(workload, new ProcessingOptions
        {
            OutputFolder = attempt,
            Threads = threads,
            JobId = job.Id,
            Engine = _engine,
            Logger = jobLogger,
            StageFinished = timing => reporter.Post(grain => grain.FinishStageAsync(job.Runs, timing.Stage, timing.Seconds)),
        }, progress, cancellation).Manifest;

        var tiles = new TilesStage();
        var stopwatch = Stopwatch.StartNew();
        var files = tiles.Write(attempt, workload.Config, threads, progress, cancellation);
        var timing = new StageTiming(tiles.Name, stopwatch.Elapsed.TotalSeconds);
        var manifest = core.WithStageOutput(attempt, OutputFiles.MbtilesFolder, files, timing, clock.GetUtcNow());
        manifest.Write(attempt);
        reporter.Post(grain => grain.FinishStageAsync(job.Runs, timing.Stage, timing.Seconds));
        jobLogger.LogInformation("Stage {Stage} finished in {Seconds:F3} s", timing.Stage, timing.Seconds);
        return manifest;
    }

    private static Manifest? IntactCoreManifest(JobRecord job, string runFolder)
    {
        try
        {
            var manifest = Manifest.FromJson(File.ReadAllText(OutputFiles.PathIn(runFolder, OutputFiles.Manifest)));
            var coreFiles = manifest.Files.Where(f => !f.Path.StartsWith($"{OutputFiles.MbtilesFolder}/", StringComparison.Ordinal)).ToList();
            var onDisk = Manifest.Describe(runFolder, coreFiles.Select(f => f.Path));
            return coreFiles.Count > 0 && coreFiles.SequenceEqual(onDisk) && manifest.JobId == job.Id ? manifest : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            // Unreadable or missing manifest: the checkpoint cannot be trusted.
            return null;
        }
    }
}
