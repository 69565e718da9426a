using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Mesa.Server.Uploads;
using Microsoft.AspNetCore.Http.Features;

namespace Mesa.Server.Endpoints;

/// <summary>
/// The pre-signed transfers: PUT the workload zip, GET the results zip. Authorised by the URL's
/// signature alone (per-job path, expiry, HMAC), so clients and proxies need no token for them.
/// </summary>
public static class TransferEndpoints
{
    public static void MapTransfers(this IEndpointRouteBuilder app)
    {
        app.MapPut("/uploads/{id}", UploadAsync).AddEndpointFilter<JobAccessAudit>().WithTags("transfers");
        app.MapGet("/downloads/{id}/results.zip", Download).AddEndpointFilter<JobAccessAudit>().WithTags("transfers");
    }

    private static async Task<IResult> UploadAsync(HttpContext http, string id, string? expires, string? sig,
        UrlSigner signer, JobRepository jobs, DataFolder folder, ServerSettings settings)
    {
        if (!JobIds.IsValid(id) || !signer.IsValid(HttpMethods.Put, SignedUrls.UploadPath(id), expires, sig)) return Refused();
        var job = jobs.Find(id);
        if (job is null) return Refused();
        if (job.State != JobState.AwaitingUpload)
            return Problems.Create(StatusCodes.Status409Conflict, "Upload closed", $"Job '{id}' is {job.State}; it no longer takes uploads.");
        var limit = settings.UploadLimit;
        if (http.Request.ContentLength > limit) return TooLarge(limit);
        // Kestrel's own 30 MB cap is lifted for this request; the receiver enforces ours while streaming.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        Directory.CreateDirectory(folder.JobFolder(id));
        try
        {
            var (bytes, sha256) = await UploadReceiver.ReceiveAsync(http.Request.Body, folder.Upload(id), limit, http.RequestAborted);
            jobs.RecordUpload(id, bytes, sha256);
            return Results.Ok(new { job_id = id, bytes, sha256 });
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(limit);
        }
    }

    private static IResult Download(string id, string? expires, string? sig, UrlSigner signer, JobRepository jobs, DataFolder folder)
    {
        if (!JobIds.IsValid(id) || !signer.IsValid(HttpMethods.Get, SignedUrls.DownloadPath(id), expires, sig)) return Refused();
        if (jobs.Find(id) is not { State: JobState.Finished, PurgedMs: null } || !File.Exists(folder.Results(id))) return Problems.NotFound($"Results of job '{id}'");
        return Results.File(folder.Results(id), "application/zip", $"mesa-results-{id}.zip", enableRangeProcessing: true);
    }

    private static IResult Refused() => Problems.Create(StatusCodes.Status403Forbidden, "Signature refused",
        "The URL's signature is invalid or has expired; ask the API for a new one.");

    private static IResult TooLarge(long limit) => Problems.Create(StatusCodes.Status413PayloadTooLarge, "Upload too large",
        $"The upload is larger than the limit of {limit} bytes.");
}
