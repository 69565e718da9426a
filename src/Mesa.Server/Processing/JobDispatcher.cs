using Mesa.PostGis;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Mesa.Tiles;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// The Queue actor of the embedded (one node) mode: takes queued jobs by priority then age and runs
/// them strictly one at a time. Jobs a previous process left running are requeued at start.
/// </summary>
public sealed class JobDispatcher(JobRepository jobs, JobSignals signals, DataFolder folder, JobMails mails, IOptions<MesaOptions> options, ILogger<JobDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A bad engine setting stops the node at start-up rather than failing every job.
        var engine = EngineChoice.Parse(options.Value.Processing.Engine)
            .Create(options.Value.Processing.PostGisConnectionString, "Mesa:Processing:PostGisConnectionString");
        logger.LogInformation("Jobs run on the {Engine} engine", engine.Name);
        var requeued = jobs.RequeueOrphans();
        if (requeued > 0) logger.LogWarning("Requeued {Count} jobs left running by a previous process", requeued);
        var poll = TimeSpan.FromSeconds(options.Value.Processing.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var job = jobs.TakeNext();
            if (job is null)
            {
                try
                {
                    await signals.WaitForQueuedAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            await RunAsync(job, engine, stoppingToken);
        }
    }

    private async Task RunAsync(JobRecord job, IProcessingEngine engine, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        signals.Started(job.Id, cancel);
        var jobLogger = new JobLogger(job.Id, jobs, logger);
        try
        {
            // A cancel that arrived between taking the job and registering it above.
            if (jobs.Find(job.Id)?.CancelRequested == true) cancel.Cancel();
            jobLogger.LogInformation("Job started (run {Run})", job.Runs);
            var threads = options.Value.Processing.Threads > 0 ? options.Value.Processing.Threads : Environment.ProcessorCount;
            // The pipeline is synchronous and CPU-bound: give it its own thread rather than a pool thread.
            var report = await Task.Factory.StartNew(() => ProcessingPipeline.Run(
                    MesaWorkload.Load(folder.Workload(job.Id)),
                    new ProcessingOptions { OutputFolder = folder.Output(job.Id), Threads = threads, JobId = job.Id, Engine = engine, Logger = jobLogger, OutputStages = [new TilesStage()] },
                    new ProgressRecorder(job.Id, jobs), cancel.Token),
                cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            jobLogger.LogInformation("Job finished: {FlatRows} tbl_flat rows, {Files} output files", report.FlatRows, report.Manifest.Files.Count);
            ResultPackage.Build(folder.Output(job.Id), folder.Results(job.Id), jobs.LogTail(job.Id, int.MaxValue));
            jobs.Finish(job.Id);
            RemoveInputs(job.Id);
            await mails.FinishedAsync(job);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            jobs.Requeue(job.Id);
            logger.LogInformation("Job {JobId} interrupted by shutdown; requeued", job.Id);
        }
        catch (OperationCanceledException)
        {
            jobLogger.LogInformation("Job cancelled by its owner");
            jobs.MarkCancelled(job.Id);
            RemoveInputs(job.Id);
        }
        catch (WorkloadException e)
        {
            jobLogger.LogError("Job failed: {Problem}", e.Message);
            jobs.Fail(job.Id, e.Message);
            RemoveInputs(job.Id);
            await mails.FailedAsync(job, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", job.Id);
            jobLogger.LogError("Job failed: internal error ({Type}); the operator has the details in the server log", e.GetType().Name);
            const string error = "Internal error while processing; the operator has the details.";
            jobs.Fail(job.Id, error);
            await mails.FailedAsync(job, error);
        }
        finally
        {
            signals.Ended(job.Id);
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
