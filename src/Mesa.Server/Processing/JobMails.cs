using Mesa.Server.Mail;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>Tells a job's owner by mail when the job is accepted, finished or failed. A mail that cannot be sent never changes the job.</summary>
public sealed class JobMails(IMailSender mail, UserRepository users, ILogger<JobMails> logger)
{
    public Task AcceptedAsync(JobRecord job) => SendAsync(job, "accepted",
        "Your workload passed the checks and is queued for processing. You will get another mail when it ends.");

    public Task FinishedAsync(JobRecord job) => SendAsync(job, "finished",
        "Your results are ready. Download them from MESA (or 'mesa-cloud download') before the retention window ends.");

    public Task FailedAsync(JobRecord job, string error) => SendAsync(job, "failed", $"Processing failed: {error}");

    private async Task SendAsync(JobRecord job, string what, string text)
    {
        if (users.Find(job.UserId) is not { } user) return;
        var name = string.IsNullOrEmpty(job.Name) ? job.Id : $"'{job.Name}' ({job.Id})";
        try
        {
            await mail.SendAsync(user.Email, $"MESA cloud job {what}", $"Hello {user.Name},\r\n\r\nJob {name}: {text}\r\n", CancellationToken.None);
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
        {
            logger.LogWarning("Could not mail the owner of job {JobId} that it {What}: {Problem}", job.Id, what, e.Message);
        }
    }
}
