using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.Tiles;

namespace Mesa.Server.Tests;

/// <summary>The user story over real HTTP: register, mailed token, verify, submit, process, download, compared with a local run.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Worked_example_round_trip_matches_a_local_pipeline_run()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"mesa-server-{Guid.NewGuid():N}.log");
        var smtpPassword = $"smtp-password-{Guid.NewGuid():N}";
        var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:LogFile"] = logFile,
            ["Mesa:Smtp:UserName"] = "mesa-mailer",
            ["Mesa:Smtp:Password"] = smtpPassword,
        }, new SmtpCapture(new SmtpCaptureBehaviour { RequireAuthentication = true }));
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var (firstAccess, firstRefresh) = await api.VerifyAsync(email);
        var emailToken = await host.Smtp.TokenForAsync(email);
        var (access, refresh) = await MesaApi.TokensFromAsync(await api.RefreshAsync(firstRefresh));
        var workload = Workloads.WorkedExampleFolder();
        var local = Directory.CreateTempSubdirectory("mesa-local-").FullName;
        try
        {
            var (jobId, uploadUrl) = await api.CreateJobAsync(access);
            Assert.Equal(HttpStatusCode.OK, (await api.UploadAsync(uploadUrl, Workloads.Zip(workload))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await api.CompleteAsync(access, jobId)).StatusCode);

            var job = await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled");
            Assert.Equal("finished", job.GetProperty("state").GetString());
            Assert.Equal(100, job.GetProperty("progress_percent").GetDouble());
            Assert.Contains(job.GetProperty("log_tail").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("Job finished"));

            var results = await (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).Content.ReadFromJsonAsync<JsonElement>();
            var downloadUrl = results.GetProperty("downloads")[0].GetProperty("url").GetString()!;
            var downloadPath = new Uri(host.Http.BaseAddress!, downloadUrl).AbsolutePath;
            var download = await api.Http.GetAsync(downloadUrl);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
            using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));

            var expected = ProcessingPipeline.Run(MesaWorkload.Load(workload), new ProcessingOptions { OutputFolder = local, Threads = 1, OutputStages = [new TilesStage()] });
            var flat = ReadEntry(zip, OutputFiles.Flat);
            Assert.Equal(File.ReadAllBytes(OutputFiles.PathIn(local, OutputFiles.Flat)), flat);

            var served = Manifest.FromJson(System.Text.Encoding.UTF8.GetString(ReadEntry(zip, OutputFiles.Manifest)));
            Assert.Equal(jobId, served.JobId);
            Assert.Equal(expected.Manifest.Files, served.Files);
            Assert.Equal(
                expected.Manifest.Files.Select(f => f.Sha256),
                results.GetProperty("manifest").GetProperty("files").EnumerateArray().Select(f => f.GetProperty("sha256").GetString()));
            foreach (var file in served.Files)
                Assert.Equal(file.Bytes, ReadEntry(zip, file.Path).LongLength);

            var log = System.Text.Encoding.UTF8.GetString(ReadEntry(zip, "process.log")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(log, l => JsonDocument.Parse(l).RootElement.GetProperty("RenderedMessage").GetString()!.StartsWith("Job finished"));

            var tampered = downloadUrl.Replace("sig=", "sig=x");
            Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync(tampered)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync(downloadUrl.Replace(jobId, new string('0', 32)))).StatusCode);
            Assert.Equal(["Your MESA cloud token", "MESA cloud job accepted", "MESA cloud job finished"], await host.Smtp.WaitForSubjectsAsync(email, 3));
            // Inputs go once the job has ended; the results stay for the retention window.
            Assert.False(File.Exists(Path.Combine(host.DataFolder, "jobs", jobId, "upload.zip")));
            Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "jobs", jobId, "workload")));

            // No secret reaches the log: not the mailed token, a JWT, a refresh token, a URL signature or the SMTP password;
            // the request lines are there, so their absence means something.
            await host.DisposeAsync();
            Assert.Equal([("mesa-mailer", smtpPassword)], host.Smtp.Credentials.Distinct());
            var logged = await File.ReadAllTextAsync(logFile);
            Assert.Contains("Job finished", logged);
            var requests = RequestLines(logged);
            Assert.Contains(requests, r => r.Method == "POST" && r.Path == "/register" && r.Status == 202);
            Assert.Contains(requests, r => r.Method == "POST" && r.Path == "/auth/refresh" && r.Status == 200);
            Assert.Contains(requests, r => r.Method == "PUT" && r.Path == $"/uploads/{jobId}" && r.Status == 200);
            Assert.Contains(requests, r => r.Method == "GET" && r.Path == downloadPath && r.Status == 200);
            Assert.Contains(requests, r => r.Method == "GET" && r.Status == 403);
            Assert.All(requests, r => Assert.True(r.TraceId is { Length: 32 }, $"{r.Method} {r.Path} has no trace id"));
            foreach (var secret in new[]
            {
                emailToken, firstAccess, firstRefresh, access, refresh, access.Split('.')[2], firstAccess.Split('.')[2], smtpPassword,
                Signature(uploadUrl), Signature(downloadUrl), Signature(results.GetProperty("downloads")[0].GetProperty("url").GetString()!),
            })
                Assert.DoesNotContain(secret, logged);
            Assert.DoesNotContain("sig=", logged);
            Assert.DoesNotContain("expires=", logged);
        }
        finally
        {
            await host.DisposeAsync();
            File.Delete(logFile);
            Directory.Delete(workload, recursive: true);
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        await using var host = await ServerHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);
        var openApi = await host.Http.GetFromJsonAsync<JsonElement>("/openapi.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/register", "/auth/verify", "/jobs", "/jobs/{id}", "/jobs/{id}/complete-upload", "/jobs/{id}/cancel", "/jobs/{id}/results" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from /openapi.json");
        // Request bodies and the refusals a client must handle are documented.
        var register = paths.GetProperty("/register").GetProperty("post");
        Assert.True(register.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(register.GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/jobs").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/uploads/{id}").GetProperty("put").GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(paths.GetProperty("/jobs/{id}/results").GetProperty("get").GetProperty("responses").TryGetProperty("410", out _));
    }

    private sealed record RequestLine(string Method, string Path, int Status, string? TraceId);

    /// <summary>The request lines of the server's JSON-lines log.</summary>
    private static List<RequestLine> RequestLines(string log) => log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(e => e.TryGetProperty("RequestMethod", out _))
        .Select(e => new RequestLine(e.GetProperty("RequestMethod").GetString()!, e.GetProperty("RequestPath").GetString()!,
            e.GetProperty("StatusCode").GetInt32(), e.TryGetProperty("@tr", out var trace) ? trace.GetString() : null))
        .ToList();

    private static string Signature(string url) => url[(url.IndexOf("sig=", StringComparison.Ordinal) + 4)..];

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} missing from the results zip");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
