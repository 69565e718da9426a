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
        var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:LogFile"] = logFile });
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var emailToken = await host.Smtp.TokenForAsync(email);
        var workload = Workloads.WorkedExampleFolder();
        var local = Directory.CreateTempSubdirectory("mesa-local-").FullName;
        try
        {
            var (jobId, completed) = await api.SubmitAsync(access, Workloads.Zip(workload));
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);

            var job = await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled");
            Assert.Equal("finished", job.GetProperty("state").GetString());
            Assert.Equal(100, job.GetProperty("progress_percent").GetDouble());
            Assert.Contains(job.GetProperty("log_tail").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("Job finished"));

            var results = await (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).Content.ReadFromJsonAsync<JsonElement>();
            var downloadUrl = results.GetProperty("downloads")[0].GetProperty("url").GetString()!;
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

            // No secret reaches the log: not the mailed token, the access token or a URL signature.
            await host.DisposeAsync();
            var logged = await File.ReadAllTextAsync(logFile);
            Assert.Contains("Job finished", logged);
            foreach (var secret in new[] { emailToken, access, access.Split('.')[2], Signature(downloadUrl), Signature(results.GetProperty("downloads")[0].GetProperty("url").GetString()!) })
                Assert.DoesNotContain(secret, logged);
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
