using Mesa.PostGis;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Mesa.Tiles;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// Runs one job this node holds, while renewing its lease. Outputs are written to a per-run folder and moved into
/// place only when complete, so a node killed mid-run leaves nothing that looks like a result, and the next run
/// (on any node) starts by removing what earlier runs left. Every state change is conditional on this node still
/// holding the job, so a job whose lease expired elsewhere ends exactly once.
/// </summary>
public sealed class JobRunner(JobRepository jobs, JobSignals signals, DataFolder folder, JobMails mails, LocalNode node, IOptions<MesaOptions> options,
    ILogger<JobRunner> logger)
{
    // Built with the node, so that a bad engine setting stops it at start-up rather than failing every job.
    private readonly IProcessingEngine _engine = EngineChoice.Parse(options.Value.Processing.Engine)
        .Create(options.Value.Processing.PostGisConnectionString, "Mesa:Processing:PostGisConnectionString");

    public async Task RunAsync(JobRecord job, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var leaseLost = new CancellationTokenSource();
        signals.Started(job.Id, cancel);
        var jobLogger = new JobLogger(job.Id, jobs, logger);
        var renewal = RenewLeaseAsync(job.Id, cancel, leaseLost);
        try
        {
            // A cancel that arrived between taking the job and registering it above.
            if (jobs.Find(job.Id)?.CancelRequested == true) cancel.Cancel();
            RemoveEarlierRuns(job.Id);
            jobLogger.LogInformation("Job started (run {Run})", job.Runs);
            var threads = options.Value.Processing.Threads > 0 ? options.Value.Processing.Threads : Environment.ProcessorCount;
            var attempt = folder.Attempt(job.Id, job.Runs);
            // The pipeline is synchronous and CPU-bound: give it its own thread rather than a pool thread.
            var report = await Task.Factory.StartNew(() => ProcessingPipeline.Run(
                    MesaWorkload.Load(folder.Workload(job.Id)),
                    new ProcessingOptions { OutputFolder = attempt, Threads = threads, JobId = job.Id, Engine = _engine, Logger = jobLogger, OutputStages = [new TilesStage()] },
                    new ProgressRecorder(job.Id, node.Id, jobs), cancel.Token),
                cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            jobLogger.LogInformation("Job finished: {FlatRows} tbl_flat rows, {Files} output files", report.FlatRows, report.Manifest.Files.Count);
            ResultPackage.Build(attempt, folder.Results(job.Id), jobs.LogTail(job.Id, int.MaxValue));
            Directory.Move(attempt, folder.Output(job.Id));
            if (!jobs.Finish(job.Id, node.Id)) throw new OperationCanceledException("The job's lease passed to another node.");
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
            jobs.Requeue(job.Id, node.Id);
            logger.LogInformation("Job {JobId} interrupted by shutdown; requeued", job.Id);
        }
        catch (OperationCanceledException)
        {
            jobLogger.LogInformation("Job cancelled by its owner");
            jobs.MarkCancelled(job.Id, node.Id);
            RemoveInputs(job.Id);
        }
        catch (WorkloadException e)
        {
            jobLogger.LogError("Job failed: {Problem}", e.Message);
            jobs.Fail(job.Id, node.Id, e.Message);
            RemoveInputs(job.Id);
            await mails.FailedAsync(job, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", job.Id);
            jobLogger.LogError("Job failed: internal error ({Type}); the operator has the details in the server log", e.GetType().Name);
            const string error = "Internal error while processing; the operator has the details.";
            jobs.Fail(job.Id, node.Id, error);
            await mails.FailedAsync(job, error);
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

    /// <summary>What a run killed mid-way left (partial outputs, a half-built archive), and the outputs of a run that never got recorded.</summary>
    private void RemoveEarlierRuns(string jobId)
    {
        var jobFolder = folder.JobFolder(jobId);
        foreach (var earlier in Directory.EnumerateDirectories(jobFolder, "run-*")) Directory.Delete(earlier, recursive: true);
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
