using Mesa.Processing.Workload;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// Runs one job this node holds, while renewing its lease. Outputs are written to a per-run folder and moved into
/// place only when complete, so a node killed mid-run leaves nothing that looks like a result, and the next run
/// (on any node) starts by removing what earlier runs left. Every state change is conditional on this node still
/// holding the job, so a job whose lease expired elsewhere ends exactly once. An earlier run's folder that holds a
/// checkpoint is taken over instead (<see cref="CheckpointedPipeline"/>). A run longer than
/// <see cref="ProcessingSettings.MaxJobMinutes"/> is stopped and the job failed.
/// </summary>
public sealed class JobRunner(JobRepository jobs, JobSignals signals, DataFolder folder, JobMails mails, LocalNode node, CheckpointedPipeline pipeline,
    TimeProvider clock, IOptions<MesaOptions> options, ILogger<JobRunner> logger)
{
    public async Task RunAsync(JobRecord job, CancellationToken stoppingToken)
    {
        var maxMinutes = options.Value.Processing.MaxJobMinutes;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var overtime = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes), clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, overtime.Token);
        using var leaseLost = new CancellationTokenSource();
        signals.Started(job.Id, cancel);
        var jobLogger = new JobLogger(job.Id, jobs, logger);
        var renewal = RenewLeaseAsync(job.Id, cancel, leaseLost);
        try
        {
            // A cancel that arrived between taking the job and registering it above.
            if (jobs.Find(job.Id)?.CancelRequested == true) cancel.Cancel();
            jobLogger.LogInformation("Job started (run {Run})", job.Runs);
            if (job.Runs == 1) await mails.RunningAsync(job);
            var attempt = folder.Attempt(job.Id, job.Runs);
            var checkpoint = pipeline.ClaimCheckpoint(job, attempt, jobLogger);
            RemoveEarlierRuns(job.Id, attempt);
            var threads = options.Value.Processing.Threads > 0 ? options.Value.Processing.Threads : Environment.ProcessorCount;
            var progress = new ProgressRecorder(job.Id, node.Id, job.Runs, jobs, clock);
            // The pipeline is synchronous and CPU-bound: give it its own thread rather than a pool thread.
            var manifest = await Task.Factory.StartNew(() => pipeline.Run(job, attempt, checkpoint, threads, jobLogger, progress, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            jobLogger.LogInformation("Job finished: {Files} output files", manifest.Files.Count);
            ResultPackage.Build(attempt, folder.Results(job.Id), jobs.LogTail(job.Id, int.MaxValue));
            // Only a run that lost its lease can have left outputs here; this run's are the ones to keep.
            if (Directory.Exists(folder.Output(job.Id))) Directory.Delete(folder.Output(job.Id), recursive: true);
            Directory.Move(attempt, folder.Output(job.Id));
            if (!jobs.Finish(job.Id, node.Id, OutputBytes(job.Id)))
            {
                await leaseLost.CancelAsync();
                throw new OperationCanceledException("The job's lease passed to another node.");
            }
            RemoveInputs(job.Id);
            await mails.FinishedAsync(job);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // Another node holds the job now: it owns the job's state and folder, so touch neither.
            logger.LogWarning("Job {JobId}: node {NodeId} lost its lease; the job runs elsewhere", job.Id, node.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The run folder stays: a checkpoint it completes lets the next run resume after it.
            jobs.Requeue(job.Id, node.Id);
            logger.LogInformation("Job {JobId} interrupted by shutdown; requeued", job.Id);
        }
        catch (OperationCanceledException) when (overtime.IsCancellationRequested)
        {
            var error = $"Stopped after running longer than the maximum job duration of {maxMinutes:0.##} minutes.";
            jobLogger.LogError("Job failed: {Problem}", error);
            await EndFailedAsync(job, error);
        }
        // Below, each ending touches the job only while this node still holds it: otherwise the node now running it
        // owns its files, state and mails.
        catch (OperationCanceledException)
        {
            jobLogger.LogInformation("Job cancelled by its owner");
            if (!StillHolds(job.Id)) return;
            RemoveRuns(job.Id);
            RemoveInputs(job.Id);
            jobs.MarkCancelled(job.Id, node.Id);
        }
        catch (WorkloadException e)
        {
            jobLogger.LogError("Job failed: {Problem}", e.Message);
            await EndFailedAsync(job, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", job.Id);
            jobLogger.LogError("Job failed: internal error ({Type}); the operator has the details in the server log", e.GetType().Name);
            const string error = "Internal error while processing; the operator has the details.";
            if (jobs.Fail(job.Id, node.Id, error)) await mails.FailedAsync(job, error);
        }
        finally
        {
            await cancel.CancelAsync();
            await renewal;
            signals.Ended(job.Id);
        }
    }

    /// <summary>Renews the lease every third of its length until the run ends; a lost lease or an owner's cancel stops the run.</summary>
    private async Task RenewLeaseAsync(string jobId, CancellationTokenSource run, CancellationTokenSource leaseLost)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Cluster.LeaseSeconds / 3));
        try
        {
            while (await timer.WaitForNextTickAsync(run.Token))
            {
                bool? cancelRequested;
                try
                {
                    cancelRequested = jobs.RenewLease(jobId, node.Id, node.LeaseUntilMs());
                }
                catch (System.Data.Common.DbException e)
                {
                    // The lease is long enough to ride out a short outage; the next tick tries again.
                    logger.LogWarning("Renewing the lease of job {JobId} failed: {Problem}", jobId, e.Message);
                    continue;
                }
                if (cancelRequested is null) await leaseLost.CancelAsync();
                if (cancelRequested is not false) await run.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EndFailedAsync(JobRecord job, string error)
    {
        if (!StillHolds(job.Id)) return;
        // Files first: once the state says failed, nothing of the job's data is left.
        RemoveRuns(job.Id);
        RemoveInputs(job.Id);
        if (jobs.Fail(job.Id, node.Id, error)) await mails.FailedAsync(job, error);
    }

    /// <summary>Whether this node still holds the job's lease (renewing it for the clean-up that follows).</summary>
    private bool StillHolds(string jobId) => jobs.RenewLease(jobId, node.Id, node.LeaseUntilMs()) is not null;

    private long OutputBytes(string jobId) =>
        new FileInfo(folder.Results(jobId)).Length + new DirectoryInfo(folder.Output(jobId)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

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
        File.Delete(folder.Results(jobId));
        File.Delete(folder.Results(jobId) + ResultPackage.PartialSuffix);
    }

    // The plan deletes uploaded data once it is no longer needed; an ended job is never run again.
    // (Kept after an internal error, for the operator to look at; the sweeper removes it later.)
    private void RemoveInputs(string jobId)
    {
        File.Delete(folder.Upload(jobId));
        if (Directory.Exists(folder.Workload(jobId))) Directory.Delete(folder.Workload(jobId), recursive: true);
    }
}
