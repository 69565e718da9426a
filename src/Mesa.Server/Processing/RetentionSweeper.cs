using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Processing;

/// <summary>
/// Deletes job files once the retention window has passed (or the short grace after a complete download). Restart-safe: expired jobs are first marked
/// purged (so the API stops offering their files), then every job folder whose job is purged or unknown is
/// deleted, so a sweep interrupted between the two steps is finished by the next one.
/// </summary>
public sealed class RetentionSweeper(JobRepository jobs, IGrainFactory grains, DataFolder folder, ServerSettings settings, IOptions<MesaOptions> options, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(retention.SweepSeconds));
        do
        {
            try
            {
                foreach (var id in jobs.Expired(TimeSpan.FromMinutes(settings.Retention), TimeSpan.FromMinutes(retention.AfterDownloadMinutes)))
                    await grains.GetGrain<Grains.IJobGrain>(id).MarkPurgedAsync();
                DeletePurgedFolders();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or System.Data.Common.DbException)
            {
                logger.LogWarning("Retention sweep stopped early ({Problem}); the next sweep finishes it", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private void DeletePurgedFolders()
    {
        foreach (var path in Directory.EnumerateDirectories(folder.Jobs))
        {
            var id = Path.GetFileName(path);
            if (JobIds.IsValid(id) && jobs.Find(id) is { PurgedMs: null }) continue;
            try
            {
                Directory.Delete(path, recursive: true);
                logger.LogInformation("Retention: deleted the files of job {JobId}", id);
            }
            catch (IOException e)
            {
                logger.LogWarning("Retention: could not delete the files of job {JobId} ({Problem}); retrying next sweep", id, e.Message);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
