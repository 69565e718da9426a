using Mesa.Server.Grains;
using Mesa.Server.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Mesa.Server.Endpoints;

/// <summary>What the whole-body and the resumable uploads share: which jobs take uploads, the body size cap, and how a complete upload is recorded.</summary>
public static class UploadRules
{
    /// <summary>409 when the job no longer takes uploads; null while it awaits one.</summary>
    public static IResult? Closed(JobRecord job) => job.State == JobState.AwaitingUpload ? null
        : Problems.Create(StatusCodes.Status409Conflict, "Upload closed", $"Job '{job.Id}' is {job.State}; it no longer takes uploads.");

    /// <summary>Lifts Kestrel's own 30 MB cap for this request: the receiver enforces the user's limit while streaming.</summary>
    public static void LiftBodySizeCap(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
    }

    /// <summary>Records the complete upload at <see cref="DataFolder.Upload"/> on the job and answers its size and checksum.</summary>
    public static async Task<IResult> RecordAsync(IGrainFactory grains, string jobId, long bytes, string sha256)
    {
        await grains.GetGrain<IJobGrain>(jobId).RecordUploadAsync(bytes, sha256);
        return Results.Ok(new { job_id = jobId, bytes, sha256 });
    }
}
