using System.Diagnostics;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Storage;
using Mesa.Tiles;

namespace Mesa.Server.Processing;

/// <summary>
/// Runs a job's pipeline with a checkpoint per stage in <c>job_stages</c>. The core stages (prep, intersect,
/// flatten, segment) run as one pass and end with a manifest of their files; the output stage (tiles) then works
/// from those files. A job requeued after a restart resumes after the core pass when an earlier run completed it
/// and every file its manifest lists is still there with the same size and SHA-256; otherwise it runs from the start.
/// </summary>
public sealed class CheckpointedPipeline(JobRepository jobs, DataFolder folder, TimeProvider clock)
{
    /// <returns>The manifest of the complete outputs.</returns>
    public Manifest Run(JobRecord job, int threads, ILogger jobLogger, CancellationToken cancellation)
    {
        var workload = MesaWorkload.Load(folder.Workload(job.Id));
        var output = folder.Output(job.Id);
        var progress = new ProgressRecorder(job.Id, job.Runs, jobs, clock);
        var core = IntactCoreOutputs(job, output, jobLogger);
        if (core is not null)
            jobLogger.LogInformation("Resuming after checkpoint '{Stage}': the outputs of run {Run} are intact", PipelineStages.Core[^1], job.Runs - 1);
        else
            core = ProcessingPipeline.Run(workload, new ProcessingOptions
            {
                OutputFolder = output,
                Threads = threads,
                JobId = job.Id,
                Logger = jobLogger,
                StageFinished = timing => jobs.FinishStage(job.Id, job.Runs, timing.Stage, timing.Seconds),
            }, progress, cancellation).Manifest;

        var tiles = new TilesStage();
        var stopwatch = Stopwatch.StartNew();
        var files = tiles.Write(output, workload.Config, threads, progress, cancellation);
        var timing = new StageTiming(tiles.Name, stopwatch.Elapsed.TotalSeconds);
        var manifest = core.WithStageOutput(output, OutputFiles.MbtilesFolder, files, timing, clock.GetUtcNow());
        manifest.Write(output);
        jobs.FinishStage(job.Id, job.Runs, timing.Stage, timing.Seconds);
        jobLogger.LogInformation("Stage {Stage} finished in {Seconds:F3} s", timing.Stage, timing.Seconds);
        return manifest;
    }

    /// <summary>The core pass's manifest when an earlier run checkpointed its last stage and its files are unchanged.</summary>
    private Manifest? IntactCoreOutputs(JobRecord job, string output, ILogger jobLogger)
    {
        var checkpointed = jobs.Stages(job.Id).Any(s => s.Run < job.Runs && s.Stage == PipelineStages.Core[^1] && s.FinishedMs is not null);
        var path = OutputFiles.PathIn(output, OutputFiles.Manifest);
        if (!checkpointed) return null;
        try
        {
            var manifest = Manifest.FromJson(File.ReadAllText(path));
            var coreFiles = manifest.Files.Where(f => !f.Path.StartsWith($"{OutputFiles.MbtilesFolder}/", StringComparison.Ordinal)).ToList();
            var onDisk = Manifest.Describe(output, coreFiles.Select(f => f.Path));
            if (coreFiles.Count > 0 && coreFiles.SequenceEqual(onDisk) && manifest.JobId == job.Id) return manifest;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            // Unreadable or missing manifest: the checkpoint cannot be trusted.
        }
        jobLogger.LogWarning("The outputs checkpointed after '{Stage}' are missing or changed; running from the start", PipelineStages.Core[^1]);
        return null;
    }
}
