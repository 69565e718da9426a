using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Operations;
using Mesa.Server.Storage;
using Mesa.Server.Uploads;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// Runs one job on this silo. Outputs are written to a per-run folder and moved into place only when complete, so a
/// silo killed mid-run leaves nothing that looks like a result, and the next run (on any silo) starts by removing
/// what earlier runs left. Every transition names this silo, so a job that was requeued elsewhere (this silo was
/// declared dead) ends exactly once. An earlier run's folder that holds a checkpoint is taken over instead
/// (<see cref="CheckpointedPipeline"/>). A run longer than <see cref="ProcessingSettings.MaxJobMinutes"/> is stopped
/// and the job failed.
/// </summary>
public sealed class JobRunner(IGrainFactory grains, DataFolder folder, JobRepository jobs, JobMails mails, CheckpointedPipeline pipeline,
    TimeProvider clock, MesaMetrics metrics, IOptions<MesaOptions> options, ILogger<JobRunner> logger)
{
    /// <param name="cancel">Tripped when the owner or an admin cancels the job.</param>
    /// <param name="shutdown">Tripped when this silo shuts down: the job goes back to the queue.</param>
    public async Task RunAsync(JobRecord job, string silo, CancellationTokenSource cancel, CancellationToken shutdown)
    {
        var maxMinutes = options.Value.Processing.MaxJobMinutes;
        using var overtime = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes), clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, overtime.Token, shutdown);
        var grain = grains.GetGrain<IJobGrain>(job.Id);
        await using var reporter = new JobReporter(grain, logger);
        var jobLogger = new JobLogger(job.Id, reporter, logger);
        try
        {
            // A cancel recorded before the run began (while its earlier silo was being declared dead).
            if (job.CancelRequested) await cancel.CancelAsync();
            jobLogger.LogInformation("Job started (run {Run})", job.Runs);
            if (job.Runs == 1) await mails.RunningAsync(job);
            var attempt = folder.Attempt(job.Id, job.Runs);
            var checkpoint = pipeline.ClaimCheckpoint(job, attempt, jobLogger);
            RemoveEarlierRuns(job.Id, attempt);
            var threads = options.Value.Processing.Threads > 0 ? options.Value.Processing.Threads : Environment.ProcessorCount;
            var progress = new ProgressRecorder(silo, job.Runs, reporter, clock);
            // The pipeline is synchronous and CPU-bound: it gets a thread of its own rather than a pool thread.
            var manifest = await Task.Factory.StartNew(() => pipeline.Run(job, attempt, checkpoint, threads, jobLogger, progress, reporter, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            jobLogger.LogInformation("Job finished: {Files} output files", manifest.Files.Count);
            await reporter.FlushAsync();
            await BuildDownloadsAsync(job.Id, attempt, jobLogger, reporter);
            // Only a run of a silo that lost the job can have left outputs here; this run's are the ones to keep.
            if (Directory.Exists(folder.Output(job.Id))) Directory.Delete(folder.Output(job.Id), recursive: true);
            Directory.Move(attempt, folder.Output(job.Id));
            var outputBytes = OutputBytes(job.Id);
            if (!await TransitionAsync(job.Id, "Finishing", () => grain.FinishAsync(silo, outputBytes)))
            {
                logger.LogWarning("Job {JobId}: silo {Silo} no longer holds the job; it runs elsewhere", job.Id, silo);
                return;
            }
            RemoveInputs(job.Id);
            await mails.FinishedAsync(job);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            // The run folder stays: a checkpoint it completed lets the next run resume after it.
            await reporter.FlushAsync();
            if (await TransitionAsync(job.Id, "Requeueing", () => grain.RequeueAsync(silo))) logger.LogInformation("Job {JobId} interrupted by shutdown; requeued", job.Id);
        }
        catch (OperationCanceledException) when (overtime.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            var error = $"Stopped after running longer than the maximum job duration of {maxMinutes:0.##} minutes.";
            jobLogger.LogError("Job failed: {Problem}", error);
            await EndFailedAsync(grain, reporter, job, silo, error);
        }
        // Below, each ending touches the job only while this silo still holds it: otherwise the silo now running it
        // owns its files, state and mails.
        catch (OperationCanceledException)
        {
            jobLogger.LogInformation("Job cancelled by its owner");
            await reporter.FlushAsync();
            if (!await TransitionAsync(job.Id, "Checking", () => grain.HoldsAsync(silo))) return;
            RemoveRuns(job.Id);
            RemoveInputs(job.Id);
            await TransitionAsync(job.Id, "Cancelling", () => grain.MarkCancelledAsync(silo));
        }
        catch (WorkloadException e)
        {
            jobLogger.LogError("Job failed: {Problem}", e.Message);
            await EndFailedAsync(grain, reporter, job, silo, e.Message);
        }
        catch (Exception e) when (e is not OrleansException)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", job.Id);
            metrics.Error("job");
            jobLogger.LogError("Job failed: internal error ({Type}); the operator has the details in the server log", e.GetType().Name);
            await reporter.FlushAsync();
            const string error = "Internal error while processing; the operator has the details.";
            if (await TransitionAsync(job.Id, "Failing", () => grain.FailAsync(silo, error))) await mails.FailedAsync(job, error);
        }
    }

    /// <summary>
    /// The outputs-only archive always; the MESA package when the upload was a MESA backup. A package that cannot be
    /// built (the upload became unreadable) is left out with a log line rather than failing a finished job.
    /// </summary>
    private async Task BuildDownloadsAsync(string jobId, string attempt, ILogger jobLogger, JobReporter reporter)
    {
        var upload = folder.Upload(jobId);
        if (MesaBackupPackage.AppliesTo(upload))
        {
            try
            {
                MesaBackupPackage.Build(upload, attempt, folder.Package(jobId), jobs.LogTail(jobId, int.MaxValue));
                jobLogger.LogInformation("MESA package built: restore it with MESA's Restore backup");
            }
            catch (WorkloadArchiveException e)
            {
                jobLogger.LogWarning("No MESA package: {Problem}; the outputs-only archive is complete", e.Message);
            }
            await reporter.FlushAsync();
        }
        OutputsOnlyArchive.Build(attempt, folder.Results(jobId), jobs.LogTail(jobId, int.MaxValue));
    }

    private async Task EndFailedAsync(IJobGrain grain, JobReporter reporter, JobRecord job, string silo, string error)
    {
        await reporter.FlushAsync();
        if (!await TransitionAsync(job.Id, "Checking", () => grain.HoldsAsync(silo))) return;
        // Files first: once the state says failed, nothing of the job's data is left.
        RemoveRuns(job.Id);
        RemoveInputs(job.Id);
        if (await TransitionAsync(job.Id, "Failing", () => grain.FailAsync(silo, error))) await mails.FailedAsync(job, error);
    }

    private Task<bool> TransitionAsync(string jobId, string what, Func<Task<bool>> transition) =>
        ClusterRetry.CallAsync(transition, $"{what} job {jobId}", logger);

    private long OutputBytes(string jobId) =>
        new FileInfo(folder.Results(jobId)).Length + (File.Exists(folder.Package(jobId)) ? new FileInfo(folder.Package(jobId)).Length : 0)
        + new DirectoryInfo(folder.Output(jobId)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>A job that did not finish leaves no partial results (checkpointed run folders included).</summary>
    private void RemoveRuns(string jobId)
    {
        foreach (var run in Directory.EnumerateDirectories(folder.JobFolder(jobId), "run-*")) Directory.Delete(run, recursive: true);
    }

    /// <summary>
    /// What runs killed mid-way left (partial outputs, a half-built archive) other than the current run's folder,
    /// and the outputs of a run that never got recorded.
    /// </summary>
    private void RemoveEarlierRuns(string jobId, string current)
    {
        var jobFolder = folder.JobFolder(jobId);
        foreach (var earlier in Directory.EnumerateDirectories(jobFolder, "run-*").Where(d => Path.GetFullPath(d) != Path.GetFullPath(current)))
            Directory.Delete(earlier, recursive: true);
        if (Directory.Exists(folder.Output(jobId))) Directory.Delete(folder.Output(jobId), recursive: true);
        foreach (var download in new[] { folder.Results(jobId), folder.Package(jobId) })
        {
            File.Delete(download);
            File.Delete(download + JobLogFile.PartialSuffix);
        }
    }

    // The plan deletes uploaded data once it is no longer needed; an ended job is never run again.
    // (Kept after an internal error, for the operator to look at; the sweeper removes it later.)
    private void RemoveInputs(string jobId)
    {
        File.Delete(folder.Upload(jobId));
        if (Directory.Exists(folder.Workload(jobId))) Directory.Delete(folder.Workload(jobId), recursive: true);
    }
}
