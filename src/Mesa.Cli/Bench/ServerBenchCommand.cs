using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench server --url URL --mail-folder DIR --server-pid PID --workload DIR</c>: load on a running mesa-server,
/// one JSON line with three figures: status polling (concurrent <c>GET /jobs/{id}</c>), a streamed upload's
/// throughput and the server's memory growth over it, and dispatch latency (complete-upload to running and to
/// finished). It signs in like a user, reading the token from the .eml pickup file of a server without SMTP.
/// bench/server.sh starts the server and prints the figures against their bars.
/// </summary>
internal static class ServerBenchCommand
{
    private static readonly TimeSpan DispatchPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base URL", Required = true };
        var mailFolder = new Option<string>("--mail-folder") { Description = "The server's mail pickup folder (<data folder>/mail)", Required = true };
        var serverPid = new Option<int>("--server-pid") { Description = "The server's process id, for its resident memory", Required = true };
        var workload = new Option<string>("--workload") { Description = "MESA project folder submitted for the dispatch figure", Required = true };
        var clients = new Option<int>("--clients") { Description = "Concurrent status pollers", DefaultValueFactory = _ => 50 };
        var seconds = new Option<int>("--seconds") { Description = "How long the status pollers run", DefaultValueFactory = _ => 10 };
        var uploadMb = new Option<int>("--upload-mb") { Description = "Upload body size in MB (10^6 bytes)", DefaultValueFactory = _ => 1000 };
        var command = new Command("server", "Measure status polling, upload throughput and dispatch latency of a running mesa-server")
        {
            url, mailFolder, serverPid, workload, clients, seconds, uploadMb,
        };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("bench server", () => RunAsync(
            parse.GetValue(url)!, parse.GetValue(mailFolder)!, parse.GetValue(serverPid), parse.GetValue(workload)!,
            parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(uploadMb) * 1_000_000L, cancellation)));
        return command;
    }

    private static async Task RunAsync(string url, string mailFolder, int serverPid, string workload, int clients, TimeSpan duration, long uploadBytes, CancellationToken cancellation)
    {
        var accessToken = await SignInAsync(url, mailFolder, cancellation);
        using var api = new ServerClient(url, ClientSession.ForToken(url, accessToken));
        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(30) };

        var (jobId, uploadUrl) = await CreateJobAsync(api, "status and upload", cancellation);
        var status = await StatusLoad.RunAsync([http], () => Authorized(HttpMethod.Get, $"jobs/{jobId}", accessToken), clients, duration, cancellation);
        var upload = await UploadAsync(http, uploadUrl, uploadBytes, serverPid, cancellation);
        var dispatch = await DispatchAsync(api, workload, cancellation);

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["status"] = status.ToJson(),
            ["upload"] = upload,
            ["dispatch"] = dispatch,
        }));
    }

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    public static async Task<string> SignInAsync(string url, string mailFolder, CancellationToken cancellation)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.org";
        using var anonymous = new ServerClient(url);
        await anonymous.PostAsync("/register", new
        {
            name = "Server Bench",
            email,
            affiliation = "Benchmarks",
            project_summary = "Load on the REST server",
        }, cancellation);
        var token = await MailedToken.ReadAsync(mailFolder, email, cancellation);
        var verified = await anonymous.PostAsync("/auth/verify", new { token }, cancellation);
        return verified.GetProperty("access_token").GetString()!;
    }

    public static async Task<(string JobId, string UploadUrl)> CreateJobAsync(ServerClient api, string name, CancellationToken cancellation)
    {
        var job = await api.PostAsync("/jobs", new { name }, cancellation);
        return (job.GetProperty("job_id").GetString()!, job.GetProperty("upload").GetProperty("url").GetString()!);
    }

    /// <summary>
    /// PUTs generated bytes to the signed URL; the server only stores them (they are no zip, so the job is never
    /// completed). Memory is sampled throughout, since the server could free a buffer before the last reading.
    /// </summary>
    private static async Task<Dictionary<string, object>> UploadAsync(HttpClient http, string uploadUrl, long bytes, int serverPid, CancellationToken cancellation)
    {
        var before = ProcessMemory.ResidentBytes(serverPid);
        var peak = before;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessMemory.ResidentBytes(serverPid));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        using var content = new GeneratedContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await http.PutAsync(uploadUrl, content, cancellation);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        if (!response.IsSuccessStatusCode)
            throw new ClientException($"upload: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
        var after = ProcessMemory.ResidentBytes(serverPid);
        return new Dictionary<string, object>
        {
            ["bytes"] = bytes,
            ["seconds"] = Math.Round(seconds, 3),
            ["mb_per_second"] = Math.Round(bytes / 1e6 / seconds, 1),
            ["rss_before_mb"] = Math.Round(before / 1e6, 1),
            ["rss_after_mb"] = Math.Round(after / 1e6, 1),
            ["rss_peak_mb"] = Math.Round(Math.Max(peak, after) / 1e6, 1),
        };
    }

    /// <summary>Submits the workload and polls its job every 20 ms from the complete-upload reply on.</summary>
    private static async Task<Dictionary<string, object>> DispatchAsync(ServerClient api, string workload, CancellationToken cancellation)
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("mesa-bench-server-").FullName, "workload.zip");
        try
        {
            WorkloadZip.Create(workload, zip);
            var (jobId, uploadUrl) = await CreateJobAsync(api, "dispatch", cancellation);
            await api.PutFileAsync(uploadUrl, zip, cancellation);
            await api.PostAsync($"/jobs/{jobId}/complete-upload", null, cancellation);
            var clock = Stopwatch.StartNew();
            double? toRunning = null;
            while (clock.Elapsed < JobTimeout)
            {
                var state = (await api.GetAsync($"/jobs/{jobId}", cancellation)).GetProperty("state").GetString()!;
                // A job short enough to end between two polls counts as running when first seen ended.
                if (state != "queued") toRunning ??= clock.Elapsed.TotalSeconds;
                if (toRunning is { } running && state is "finished" or "failed" or "cancelled")
                {
                    return new Dictionary<string, object>
                    {
                        ["zip_bytes"] = new FileInfo(zip).Length,
                        ["state"] = state,
                        ["to_running_seconds"] = Math.Round(running, 3),
                        ["to_end_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
                    };
                }
                await Task.Delay(DispatchPoll, cancellation);
            }
            throw new ClientException($"job {jobId} did not end within {JobTimeout.TotalMinutes} minutes.");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true);
        }
    }
}
