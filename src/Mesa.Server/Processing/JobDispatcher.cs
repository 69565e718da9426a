using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// The Queue actor of the embedded (one node) mode: takes queued jobs by priority then age and runs
/// them strictly one at a time. Jobs a previous process left running are requeued at start; a run longer
/// than <see cref="ProcessingSettings.MaxJobMinutes"/> is stopped and the job failed.
/// </summary>
public sealed class JobDispatcher(JobRepository jobs, JobSignals signals, DataFolder folder, JobMails mails, CheckpointedPipeline pipeline,
    TimeProvider clock, IOptions<MesaOptions> options, ILogger<JobDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(JobRecord job, CancellationToken stoppingToken)
    {
        var maxMinutes = options.Value.Processing.MaxJobMinutes;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var overtime = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes), clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, overtime.Token);
        signals.Started(job.Id, cancel);
        var jobLogger = new JobLogger(job.Id, jobs, logger);
        try
        {
            // A cancel that arrived between taking the job and registering it above.
            if (jobs.Find(job.Id)?.CancelRequested == true) cancel.Cancel();
            jobLogger.LogInformation("Job started (run {Run})", job.Runs);
            if (job.Runs == 1) await mails.RunningAsync(job);
            var threads = options.Value.Processing.Threads > 0 ? options.Value.Processing.Threads : Environment.ProcessorCount;
            // The pipeline is synchronous and CPU-bound: give it its own thread rather than a pool thread.
            var manifest = await Task.Factory.StartNew(() => pipeline.Run(job, threads, jobLogger, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            jobLogger.LogInformation("Job finished: {Files} output files", manifest.Files.Count);
            ResultPackage.Build(folder.Output(job.Id), folder.Results(job.Id), jobs.LogTail(job.Id, int.MaxValue));
            jobs.Finish(job.Id, OutputBytes(job.Id));
            RemoveInputs(job.Id);
            await mails.FinishedAsync(job);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The outputs stay: a checkpoint they complete lets the next run resume after it.
            jobs.Requeue(job.Id);
            logger.LogInformation("Job {JobId} interrupted by shutdown; requeued", job.Id);
        }
        catch (OperationCanceledException) when (overtime.IsCancellationRequested)
        {
            var error = $"Stopped after running longer than the maximum job duration of {maxMinutes:0.##} minutes.";
            jobLogger.LogError("Job failed: {Problem}", error);
            await EndFailedAsync(job, error);
        }
        catch (OperationCanceledException)
        {
            jobLogger.LogInformation("Job cancelled by its owner");
            RemoveOutputs(job.Id);
            RemoveInputs(job.Id);
            jobs.MarkCancelled(job.Id);
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
            jobs.Fail(job.Id, error);
            await mails.FailedAsync(job, error);
        }
        finally
        {
            signals.Ended(job.Id);
        }
    }

    private async Task EndFailedAsync(JobRecord job, string error)
    {
        // Files first: once the state says failed, nothing of the job's data is left.
        RemoveOutputs(job.Id);
        RemoveInputs(job.Id);
        jobs.Fail(job.Id, error);
        await mails.FailedAsync(job, error);
    }

    private long OutputBytes(string jobId) =>
        new FileInfo(folder.Results(jobId)).Length + new DirectoryInfo(folder.Output(jobId)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    // The plan deletes uploaded data once it is no longer needed; an ended job is never run again.
    // (Kept after an internal error, for the operator to look at; the sweeper removes it later.)
    private void RemoveInputs(string jobId)
    {
        File.Delete(folder.Upload(jobId));
        if (Directory.Exists(folder.Workload(jobId))) Directory.Delete(folder.Workload(jobId), recursive: true);
    }

    // A job that did not finish leaves no partial results (the checkpointed core outputs included).
    private void RemoveOutputs(string jobId)
    {
        if (Directory.Exists(folder.Output(jobId))) Directory.Delete(folder.Output(jobId), recursive: true);
    }
}
