using Mesa.Server.Admin.Security;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Mesa.Server.Quotas;
using Mesa.Server.Uploads;

using Mesa.Server.Grains;

namespace Mesa.Server.Endpoints;

/// <summary>
/// The pre-signed transfers: PUT the workload zip, GET a finished job's package or outputs-only zip. Authorised by the URL's
/// signature alone (per-job path, expiry, HMAC), so clients and proxies need no token for them.
/// </summary>
public static class TransferEndpoints
{
    public const string DownloadRoute = "/downloads/{id}/{file}";

    public static void MapTransfers(this IEndpointRouteBuilder app)
    {
        app.MapPut("/uploads/{id}", UploadAsync).AddEndpointFilter<JobAccessAudit>().WithTags("transfers")
            .WithSummary("Upload the workload zip (body: the zip) to the signed URL from POST /jobs")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapGet(DownloadRoute, DownloadAsync).AddEndpointFilter<JobAccessAudit>().WithTags("transfers")
            .WithSummary("Download package.zip or outputs-only.zip from the signed URL of GET /jobs/{id}/results (range requests allowed)")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").Produces(StatusCodes.Status206PartialContent, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, string id, string? expires, string? sig,
        UrlSigner signer, JobRepository jobs, UserRepository users, UserQuotas quotas, DataFolder folder, IGrainFactory grains)
    {
        if (!JobIds.IsValid(id) || !signer.IsValid(HttpMethods.Put, SignedUrls.UploadPath(id), expires, sig)) return Refused();
        var job = jobs.Find(id);
        if (job is null) return Refused();
        if (UploadRules.Closed(job) is { } closed) return closed;
        if (users.Find(job.UserId) is not { } owner) return Refused();
        var limit = quotas.UploadLimit(owner, id);
        if (http.Request.ContentLength > limit.Bytes) return UserQuotas.UploadRefusal(limit);
        UploadRules.LiftBodySizeCap(http);
        Directory.CreateDirectory(folder.JobFolder(id));
        try
        {
            var (bytes, sha256) = await UploadReceiver.ReceiveAsync(http.Request.Body, folder.Upload(id), limit.Bytes, http.RequestAborted);
            return await UploadRules.RecordAsync(grains, id, bytes, sha256);
        }
        catch (UploadTooLargeException)
        {
            return UserQuotas.UploadRefusal(limit);
        }
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, string id, string file, string? expires, string? sig, UrlSigner signer, JobRepository jobs, DataFolder folder,
        IGrainFactory grains)
    {
        if (!JobIds.IsValid(id) || JobDownload.Named(file) is not { } download || !signer.IsValid(HttpMethods.Get, SignedUrls.DownloadPath(id, download), expires, sig))
            return Refused();
        var path = download.PathOf(folder, id);
        if (jobs.Find(id) is not { State: JobState.Finished, PurgedMs: null } || !File.Exists(path)) return Problems.NotFound($"{download.Name} of job '{id}'");
        // Sent here rather than returned, so the download is recorded only once the bytes have gone out.
        await Results.File(path, "application/zip", download.SaveAs(id), enableRangeProcessing: true).ExecuteAsync(http);
        if (CompleteDownload(http)) await grains.GetGrain<IJobGrain>(id).MarkDownloadedAsync();
        return Results.Empty;
    }

    // Only a response that reached the client up to the file's last byte counts: a dropped or partial
    // download must stay retryable (the retention grace after a download starts from a complete one).
    private static bool CompleteDownload(HttpContext http)
    {
        if (http.RequestAborted.IsCancellationRequested) return false;
        if (http.Response.StatusCode == StatusCodes.Status200OK) return true;
        return http.Response.StatusCode == StatusCodes.Status206PartialContent
            && http.Response.GetTypedHeaders().ContentRange is { To: { } to, Length: { } length } && to == length - 1;
    }

    private static IResult Refused() => Problems.Create(StatusCodes.Status403Forbidden, "Signature refused",
        "The URL's signature is invalid or has expired; ask the API for a new one.");
}
