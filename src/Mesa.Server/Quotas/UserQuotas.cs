using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Quotas;

/// <summary>
/// Enforces the per-user quotas: jobs per day and storage held (a new job is refused with 429), upload bytes per
/// job and storage held (an upload is stopped with 413). Each refusal's problem names the quota in <c>quota</c>.
/// </summary>
public sealed class UserQuotas(JobRepository jobs, TimeProvider clock, IOptions<MesaOptions> options)
{
    public const string JobsPerDay = "jobs_per_day";
    public const string UploadBytesPerJob = "upload_bytes_per_job";
    public const string StorageBytes = "storage_bytes";

    public EffectiveQuotas For(UserRecord user)
    {
        var settings = options.Value;
        return new EffectiveQuotas(
            user.QuotaJobsPerDay ?? settings.Quotas.JobsPerDay,
            user.QuotaUploadBytes ?? settings.Limits.MaxUploadBytes,
            user.QuotaStorageBytes ?? settings.Quotas.StorageBytes);
    }

    /// <summary>A 429 problem when the user may not create another job now; null when they may.</summary>
    public IResult? RefuseNewJob(UserRecord user)
    {
        var quotas = For(user);
        var created = jobs.CreatedSince(user.Id, clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds());
        if (created >= quotas.JobsPerDay)
            return Refusal(StatusCodes.Status429TooManyRequests, JobsPerDay, quotas.JobsPerDay,
                $"You created {created} jobs in the last 24 hours; your quota is {quotas.JobsPerDay} jobs per day. Try again later.");
        var held = jobs.StorageHeld(user.Id);
        if (held >= quotas.StorageBytes)
            return Refusal(StatusCodes.Status429TooManyRequests, StorageBytes, quotas.StorageBytes,
                $"Your jobs hold {held} bytes on the server; your storage quota is {quotas.StorageBytes} bytes. Download or wait for earlier results to expire.");
        return null;
    }

    /// <summary>How many bytes an upload to the job may have, and the quota that sets that bound.</summary>
    public (long Bytes, string Quota) UploadLimit(UserRecord user, string jobId)
    {
        var quotas = For(user);
        var storageLeft = Math.Max(0, quotas.StorageBytes - jobs.StorageHeld(user.Id, exceptUploadOf: jobId));
        return storageLeft < quotas.UploadBytesPerJob ? (storageLeft, StorageBytes) : (quotas.UploadBytesPerJob, UploadBytesPerJob);
    }

    public static IResult UploadRefusal((long Bytes, string Quota) limit) =>
        Refusal(StatusCodes.Status413PayloadTooLarge, limit.Quota, limit.Bytes, limit.Quota == StorageBytes
            ? $"The upload is larger than the limit of {limit.Bytes} bytes left in your storage quota."
            : $"The upload is larger than your limit of {limit.Bytes} bytes per job.");

    private static IResult Refusal(int status, string quota, long limit, string detail) =>
        Problems.Create(status, "Quota exceeded", $"{quota}: {detail}", new Dictionary<string, object?> { ["quota"] = quota, ["limit"] = limit });
}
