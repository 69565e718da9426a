using System.Globalization;
using Mesa.Server.Admin.Security;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Mesa.Server.Uploads;

namespace Mesa.Server.Endpoints;

/// <summary>
/// The resumable upload for clients that hold the access token (the users' page): PUT chunks at the offset the server
/// holds, read that offset after a dropped connection, then finish with the SHA-256 of the whole file. Another user's
/// job answers 404, like the other job routes.
/// </summary>
public static class ChunkedUploadEndpoints
{
    /// <summary>Response header with the bytes the server holds, on every answer that knows it.</summary>
    public const string OffsetHeader = "Upload-Offset";

    public static void MapChunkedUploads(this IEndpointRouteBuilder app)
    {
        var chunks = app.MapGroup("/uploads/{id}/chunks").AddEndpointFilter<BearerAuthentication>().AddEndpointFilter<JobAccessAudit>().WithTags("transfers")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        chunks.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], Offset).WithSummary("How many bytes of the resumable upload the server holds (resume from there)")
            .Produces(StatusCodes.Status200OK);
        chunks.MapPut("/", AppendAsync).WithSummary("Append a chunk (body: its bytes) at ?offset=, which must equal the bytes the server holds")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        chunks.MapPost("/finish", FinishAsync).Accepts<FinishUploadRequest>("application/json")
            .WithSummary("Check the SHA-256 of the whole file and record it as the job's upload; then POST /jobs/{id}/complete-upload")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Offset(HttpContext http, string id, JobRepository jobs, UserQuotas quotas, DataFolder folder)
    {
        if (JobEndpoints.Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (UploadRules.Closed(job) is { } closed) return closed;
        var offset = WithOffset(http, new ChunkedUpload(folder, id).Offset);
        if (HttpMethods.IsHead(http.Request.Method)) return Results.Ok();
        return Results.Ok(new { job_id = id, offset, max_bytes = quotas.UploadLimit(BearerAuthentication.User(http), id).Bytes });
    }

    private static async Task<IResult> AppendAsync(HttpContext http, string id, string? offset, JobRepository jobs, UserQuotas quotas, DataFolder folder)
    {
        if (JobEndpoints.Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (UploadRules.Closed(job) is { } closed) return closed;
        if (string.IsNullOrEmpty(offset)) return Problems.Field("offset", "is required: the number of bytes the server holds (GET this URL to read it).");
        if (!long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return Problems.Field("offset", "must be a whole number of bytes, 0 or more.");
        var limit = quotas.UploadLimit(BearerAuthentication.User(http), id);
        if (start + http.Request.ContentLength > limit.Bytes) return UserQuotas.UploadRefusal(limit);
        UploadRules.LiftBodySizeCap(http);
        var upload = new ChunkedUpload(folder, id);
        ChunkOutcome outcome;
        try
        {
            outcome = await upload.AppendAsync(start, http.Request.Body, limit.Bytes, http.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException || http.RequestAborted.IsCancellationRequested)
        {
            var kept = WithOffset(http, upload.Offset);
            return Problems.Create(StatusCodes.Status400BadRequest, "Chunk interrupted",
                $"The chunk's body broke off; the server keeps the {kept} bytes received so far, so resume from offset {kept}.", Current(kept));
        }
        return outcome switch
        {
            ChunkOutcome.Appended appended => Results.Ok(new { job_id = id, offset = WithOffset(http, appended.Offset) }),
            ChunkOutcome.WrongOffset wrong => WrongOffset(http, start, wrong.Offset),
            ChunkOutcome.TooLarge large => TooLarge(http, limit, large.Offset),
            _ => Busy(id),
        };
    }

    private static IResult WrongOffset(HttpContext http, long start, long held) => Problems.Create(StatusCodes.Status409Conflict, "Wrong offset",
        $"offset: the chunk starts at byte {start} but the server holds {WithOffset(http, held)} bytes; send the chunk that starts at {held}.", Current(held));

    private static IResult TooLarge(HttpContext http, (long Bytes, string Quota) limit, long held)
    {
        WithOffset(http, held);
        return UserQuotas.UploadRefusal(limit);
    }

    private static async Task<IResult> FinishAsync(HttpContext http, string id, JobRepository jobs, DataFolder folder, IGrainFactory grains)
    {
        if (JobEndpoints.Owned(http, jobs, id) is not { } job) return Problems.NotFound($"Job '{id}'");
        if (UploadRules.Closed(job) is { } closed) return closed;
        var (body, problem) = await JsonBody.ReadAsync<FinishUploadRequest>(http.Request);
        if (problem is not null) return problem;
        var expected = body!.Sha256?.Trim().ToLowerInvariant();
        if (expected is not { Length: 64 } || !expected.All(char.IsAsciiHexDigit))
            return Problems.Field("sha256", "is required: the SHA-256 of the whole file as 64 hexadecimal digits.");
        return await new ChunkedUpload(folder, id).FinishAsync(expected, http.RequestAborted) switch
        {
            FinishOutcome.Finished finished => await UploadRules.RecordAsync(grains, id, finished.Bytes, finished.Sha256),
            FinishOutcome.Mismatch mismatch => Problems.Create(StatusCodes.Status422UnprocessableEntity, "Checksum mismatch",
                $"sha256: the {mismatch.Bytes} bytes received have SHA-256 {mismatch.Sha256}, not {expected}; they were discarded, so upload the file again from offset 0."),
            FinishOutcome.Empty => Problems.Create(StatusCodes.Status409Conflict, "Nothing uploaded", $"No chunk was uploaded for job '{id}'; PUT the chunks first."),
            _ => Busy(id),
        };
    }

    private static IResult Busy(string id) => Problems.Create(StatusCodes.Status409Conflict, "Upload busy",
        $"Another request is writing to or finishing the upload of job '{id}'; retry when it has ended.");

    private static Dictionary<string, object?> Current(long offset) => new() { ["offset"] = offset };

    private static long WithOffset(HttpContext http, long offset)
    {
        http.Response.Headers[OffsetHeader] = offset.ToString(CultureInfo.InvariantCulture);
        return offset;
    }
}
