using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>The resumable upload: chunks only at the offset the server holds, resume after a lost reply or a broken body, the final checksum, limits and access.</summary>
public sealed class ChunkedUploadTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private static readonly byte[] Zip = Workloads.WorkedExampleZip();
    private string _access = "";

    public async Task InitializeAsync() => _access = await server.Api.SignInAsync();

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Fact]
    public async Task A_workload_sent_in_chunks_is_recorded_like_a_whole_upload_and_processed()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        var third = Zip.Length / 3;
        long offset = 0;
        foreach (var chunk in new[] { Zip[..third], Zip[third..(2 * third)], Zip[(2 * third)..] })
        {
            var reply = await PutChunkAsync(jobId, offset, chunk);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            offset = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("offset").GetInt64();
            Assert.Equal(await OffsetAsync(jobId), offset);
            Assert.False(File.Exists(UploadPath(jobId)), "the upload appears only once finished");
        }
        var head = await server.Api.SendAsync(HttpMethod.Head, $"/uploads/{jobId}/chunks", _access);
        Assert.Equal(Zip.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers.GetValues("Upload-Offset").Single());

        var finished = await FinishAsync(jobId, Sha256(Zip));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var recorded = await finished.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Zip.Length, recorded.GetProperty("bytes").GetInt64());
        Assert.Equal(Sha256(Zip), recorded.GetProperty("sha256").GetString());
        Assert.Equal(Zip, await File.ReadAllBytesAsync(UploadPath(jobId)));

        Assert.Equal(HttpStatusCode.Accepted, (await server.Api.CompleteAsync(_access, jobId)).StatusCode);
        var job = await server.Api.WaitForAsync(_access, jobId, "finished", "failed");
        Assert.Equal("finished", job.GetProperty("state").GetString());
        Assert.Equal(Sha256(Zip), job.GetProperty("upload_sha256").GetString());
        Assert.Equal(Zip.Length, job.GetProperty("upload_bytes").GetInt64());
    }

    [Fact]
    public async Task A_chunk_at_the_wrong_offset_is_refused_with_the_offset_to_resume_from()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        var half = Zip.Length / 2;
        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, 0, Zip[..half])).StatusCode);

        // The client lost the reply and sends the same chunk again: nothing is written twice.
        var resent = await PutChunkAsync(jobId, 0, Zip[..half]);
        var problem = await RefusedAsync(resent, HttpStatusCode.Conflict);
        Assert.Equal(half, problem.GetProperty("offset").GetInt64());
        Assert.StartsWith("offset:", Detail(problem));
        Assert.Equal(half.ToString(System.Globalization.CultureInfo.InvariantCulture), resent.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(half, (await RefusedAsync(await PutChunkAsync(jobId, half + 10, Zip[(half + 10)..]), HttpStatusCode.Conflict)).GetProperty("offset").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, half, Zip[half..])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FinishAsync(jobId, Sha256(Zip))).StatusCode);
        Assert.Equal(Zip, await File.ReadAllBytesAsync(UploadPath(jobId)));
    }

    [Fact]
    public async Task A_body_that_breaks_off_keeps_what_arrived_and_the_upload_resumes_from_there()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        var arrived = Zip.Length / 2;
        using (var request = ChunkRequest(jobId, 0, new BreakingContent(Zip[..arrived], declaredLength: Zip.Length)))
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.Api.Http.SendAsync(request));

        // The server keeps what it read before the break (up to what was sent); the broken request may still hold the
        // upload for a moment, and a refused chunk writes nothing, so the client asks the offset and sends the rest again.
        await Eventually.HoldsAsync(async () =>
        {
            var held = await OffsetAsync(jobId);
            Assert.InRange(held, 0, arrived);
            return (await PutChunkAsync(jobId, held, Zip[(int)held..])).StatusCode == HttpStatusCode.OK;
        }, "the rest being appended at the offset the server holds");
        Assert.Equal(HttpStatusCode.OK, (await FinishAsync(jobId, Sha256(Zip))).StatusCode);
        Assert.Equal(Zip, await File.ReadAllBytesAsync(UploadPath(jobId)));
    }

    [Fact]
    public async Task A_chunk_sent_while_another_is_being_written_is_refused_and_writes_nothing()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        var held = new HeldContent(Zip);
        using var request = ChunkRequest(jobId, 0, held);
        var first = server.Api.Http.SendAsync(request);

        // Watched through the offset, which takes no lock: a chunk sent as a probe could take the upload before the first
        // one reaches its handler and turn the first away. Once its first byte is stored, the first chunk holds the upload.
        await Eventually.HoldsAsync(async () => await OffsetAsync(jobId) == 1, "the first chunk's first byte stored", seconds: 60);
        // A chunk that starts where the stored bytes end would be appended, were the upload not held.
        var refused = await PutChunkAsync(jobId, 1, Zip[1..2]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Upload busy", (await MesaApi.ProblemAsync(refused)).GetProperty("title").GetString());
        held.Release();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(Zip.Length, await OffsetAsync(jobId));
        Assert.Equal(HttpStatusCode.OK, (await FinishAsync(jobId, Sha256(Zip))).StatusCode);
        Assert.Equal(Zip, await File.ReadAllBytesAsync(UploadPath(jobId)));
    }

    [Fact]
    public async Task A_checksum_mismatch_is_named_and_discards_the_bytes()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, 0, Zip)).StatusCode);
        var claimed = Sha256([1, 2, 3]);
        var problem = await RefusedAsync(await FinishAsync(jobId, claimed), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Checksum mismatch", problem.GetProperty("title").GetString());
        Assert.StartsWith("sha256:", Detail(problem));
        Assert.Contains(claimed, Detail(problem));
        Assert.Contains(Sha256(Zip), Detail(problem));

        Assert.Equal(0, await OffsetAsync(jobId));
        Assert.False(File.Exists(UploadPath(jobId)));
        Assert.Equal(HttpStatusCode.Conflict, (await server.Api.CompleteAsync(_access, jobId)).StatusCode);
        // The job still takes the upload, from the start.
        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, 0, Zip)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FinishAsync(jobId, Sha256(Zip).ToUpperInvariant())).StatusCode);
    }

    [Fact]
    public async Task Chunks_past_the_upload_limit_are_refused_naming_the_quota()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        Assert.Equal(SharedServer.UploadLimit, (await (await server.Api.SendAsync(HttpMethod.Get, $"/uploads/{jobId}/chunks", _access)).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("max_bytes").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, 0, new byte[1000])).StatusCode);

        var sized = await RefusedAsync(await PutChunkAsync(jobId, 1000, new byte[SharedServer.UploadLimit - 999]), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("upload_bytes_per_job", sized.GetProperty("quota").GetString());

        using var request = ChunkRequest(jobId, 1000, new StreamContent(new UnsizedStream(new byte[SharedServer.UploadLimit])));
        var streamed = await RefusedAsync(await server.Api.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("upload_bytes_per_job", streamed.GetProperty("quota").GetString());
        Assert.Equal(1000, await OffsetAsync(jobId));
    }

    [Fact]
    public async Task Chunks_need_the_owners_access_token()
    {
        var (jobId, signedUrl) = await server.Api.CreateJobAsync(_access);
        var stranger = await server.Api.SignInAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api.SendAsync(HttpMethod.Get, $"/uploads/{jobId}/chunks", null)).StatusCode);
        using (var unsigned = new HttpRequestMessage(HttpMethod.Put, $"/uploads/{jobId}/chunks?offset=0") { Content = new ByteArrayContent(Zip) })
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api.Http.SendAsync(unsigned)).StatusCode);
        // The signed URL of the whole-body upload does not open the chunk route either.
        var signedQuery = new Uri(signedUrl).Query.TrimStart('?');
        using (var signed = new HttpRequestMessage(HttpMethod.Put, $"/uploads/{jobId}/chunks?offset=0&{signedQuery}") { Content = new ByteArrayContent(Zip) })
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api.Http.SendAsync(signed)).StatusCode);

        Assert.Contains(jobId, Detail(await RefusedAsync(await PutChunkAsync(jobId, 0, Zip, stranger), HttpStatusCode.NotFound)));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api.SendAsync(HttpMethod.Get, $"/uploads/{jobId}/chunks", stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FinishAsync(jobId, Sha256(Zip), stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutChunkAsync("not-a-job", 0, Zip)).StatusCode);
        Assert.Equal(0, await OffsetAsync(jobId));
    }

    [Fact]
    public async Task A_job_no_longer_awaiting_its_upload_takes_no_chunks()
    {
        var (jobId, completed) = await server.Api.SubmitAsync(_access, Zip);
        Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
        Assert.Equal("Upload closed", (await RefusedAsync(await PutChunkAsync(jobId, 0, Zip), HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Api.SendAsync(HttpMethod.Get, $"/uploads/{jobId}/chunks", _access)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await FinishAsync(jobId, Sha256(Zip))).StatusCode);
        Assert.Equal("finished", (await server.Api.WaitForAsync(_access, jobId, "finished", "failed")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Bad_offsets_and_checksums_are_named()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        using (var missing = ChunkRequest(jobId, null, new ByteArrayContent(Zip)))
            Assert.StartsWith("offset:", Detail(await RefusedAsync(await server.Api.Http.SendAsync(missing), HttpStatusCode.BadRequest)));
        var negative = await server.Api.SendAsync(HttpMethod.Put, $"/uploads/{jobId}/chunks?offset=-1", _access);
        Assert.StartsWith("offset:", Detail(await RefusedAsync(negative, HttpStatusCode.BadRequest)));

        Assert.Equal("Nothing uploaded", (await RefusedAsync(await FinishAsync(jobId, Sha256(Zip)), HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PutChunkAsync(jobId, 0, Zip)).StatusCode);
        Assert.StartsWith("sha256:", Detail(await RefusedAsync(await FinishAsync(jobId, "not-a-checksum"), HttpStatusCode.BadRequest)));
        Assert.StartsWith("sha256:", Detail(await RefusedAsync(await server.Api.SendAsync(HttpMethod.Post, $"/uploads/{jobId}/chunks/finish", _access, new { }), HttpStatusCode.BadRequest)));
        Assert.Equal(Zip.Length, await OffsetAsync(jobId));
    }

    private HttpRequestMessage ChunkRequest(string jobId, long? offset, HttpContent content, string? access = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, offset is null ? $"/uploads/{jobId}/chunks" : $"/uploads/{jobId}/chunks?offset={offset}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access ?? _access);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return request;
    }

    private async Task<HttpResponseMessage> PutChunkAsync(string jobId, long offset, byte[] bytes, string? access = null)
    {
        using var request = ChunkRequest(jobId, offset, new ByteArrayContent(bytes), access);
        return await server.Api.Http.SendAsync(request);
    }

    private async Task<long> OffsetAsync(string jobId)
    {
        var response = await server.Api.SendAsync(HttpMethod.Get, $"/uploads/{jobId}/chunks", _access);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("offset").GetInt64();
    }

    private Task<HttpResponseMessage> FinishAsync(string jobId, string sha256, string? access = null) =>
        server.Api.SendAsync(HttpMethod.Post, $"/uploads/{jobId}/chunks/finish", access ?? _access, new { sha256 });

    private string UploadPath(string jobId) => Path.Combine(server.Host.DataFolder, "jobs", jobId, "upload.zip");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await MesaApi.ProblemAsync(response);
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    /// <summary>Declares more bytes than it sends, then fails: the connection breaks off mid-body, as on a dropped network.</summary>
    private sealed class BreakingContent(byte[] sent, long declaredLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(sent);
            await stream.FlushAsync();
            throw new IOException("The connection dropped (simulated).");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declaredLength;
            return true;
        }
    }

    /// <summary>Sends its first byte, then holds the request open until <see cref="Release"/>, then sends the rest.</summary>
    private sealed class HeldContent(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.SetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
