using Mesa.Server.Mail;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>
/// Tells a job's owner by mail when the job is accepted (queue position, ETA when one can be estimated), has
/// started with an estimated end, finished or failed. A mail that cannot be sent never changes the job.
/// </summary>
public sealed class JobMails(IMailSender mail, UserRepository users, JobRepository jobs, EtaEstimator eta, ILogger<JobMails> logger)
{
    /// <summary>For a job about to be queued.</summary>
    public Task AcceptedAsync(JobRecord job)
    {
        var expected = eta.Estimate(job) is { } end ? $" It should be done around {Format(end)}." : "";
        return SendAsync(job, "accepted",
            $"Your workload passed the checks and is number {jobs.PositionAmongQueued(job)} in the queue.{expected} You will get another mail when it ends.");
    }

    /// <summary>The progress mail: sent only when past stage timings give an estimate.</summary>
    public Task RunningAsync(JobRecord job) => eta.Estimate(job) is { } end
        ? SendAsync(job, "running", $"Processing has started; from the timings of earlier jobs it should be done around {Format(end)}.")
        : Task.CompletedTask;

    public Task FinishedAsync(JobRecord job) => SendAsync(job, "finished",
        "Your results are ready. Download them from MESA (or 'mesa-cloud download') before the retention window ends.");

    public Task FailedAsync(JobRecord job, string error) => SendAsync(job, "failed", $"Processing failed: {error}");

    private static string Format(DateTimeOffset time) => $"{time.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private async Task SendAsync(JobRecord job, string what, string text)
    {
        if (users.Find(job.UserId) is not { } user) return;
        var name = string.IsNullOrEmpty(job.Name) ? job.Id : $"'{job.Name}' ({job.Id})";
        try
        {
            await mail.SendAsync(user.Email, $"MESA cloud job {what}", $"Hello {user.Name},\r\n\r\nJob {name}: {text}\r\n", CancellationToken.None);
        }
        catch (MailNotSentException e)
        {
            logger.LogWarning("Could not mail the owner of job {JobId} that it {What}: {Problem}", job.Id, what, e.Message);
        }
    }
}
