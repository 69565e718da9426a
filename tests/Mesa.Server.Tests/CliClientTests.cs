using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>The <c>mesa-cloud</c> client commands as real processes against the real server: readable by default, the replies with --json.</summary>
public sealed class CliClientTests
{
    [Fact]
    public async Task Register_verify_submit_status_download_through_the_cli()
    {
        await using var host = await ServerHost.StartAsync();
        var work = Directory.CreateTempSubdirectory("mesa-cli-client-").FullName;
        try
        {
            var (credentials, email, verified) = await CliSignIn.RunAsync(host, work);
            Assert.Contains(email, verified.Stdout);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));

            var project = WorkedExampleWorkload(Path.Combine(work, "project"));
            var submitted = CliRunner.Run("submit", "--credentials", credentials, project, "--name", "cli job", "--wait", "--json");
            Assert.True(submitted.ExitCode == 0, submitted.Stderr);
            Assert.Contains("\"state\": \"finished\"", submitted.Stdout);
            var job = JsonDocument.Parse(submitted.Stdout).RootElement;
            var jobId = job.GetProperty("job_id").GetString()!;
            // Times keep their '+' in the JSON too.
            Assert.DoesNotContain("\\u002B", submitted.Stdout);
            Assert.EndsWith("+00:00", job.GetProperty("created_at").GetString());
            // The wait's progress went to stderr as plain lines, ending with the finished job.
            AssertPlain(submitted.Stderr);
            Assert.Contains("100% finished", submitted.Stderr);

            // Submitting the same workload again is the same job (its SHA-256 is the idempotency key).
            var again = CliRunner.Run("submit", "--credentials", credentials, project, "--json");
            Assert.Equal(jobId, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("job_id").GetString());
            var againReadable = CliRunner.Run("submit", "--credentials", credentials, project);
            Assert.Equal($"Job {jobId} is finished; 'mesa-cloud download {jobId} PROJECT_DIR' fetches its results.", againReadable.Stdout.Trim());

            var status = CliRunner.Run("status", "--credentials", credentials, jobId);
            Assert.True(status.ExitCode == 0, status.Stderr);
            Assert.StartsWith($"Job {jobId} (cli job) is finished;", status.Stdout);
            Assert.Matches(@"(?m)^intersect\s+1\s+" + Time, status.Stdout);
            AssertPlain(status.Stdout);
            Assert.Equal(jobId, JsonDocument.Parse(CliRunner.Run("status", "--credentials", credentials, jobId, "--json").Stdout).RootElement.GetProperty("job_id").GetString());

            var listed = CliRunner.Run("status", "--credentials", credentials);
            Assert.Matches($@"(?m)^{jobId}\s+cli job\s+finished\s+\S+\s+100\.0%\s+{Time}", listed.Stdout);
            AssertPlain(listed.Stdout);
            var listedJson = JsonDocument.Parse(CliRunner.Run("status", "--credentials", credentials, "--json").Stdout).RootElement;
            Assert.Equal(jobId, listedJson.GetProperty("items")[0].GetProperty("job_id").GetString());

            var downloaded = CliRunner.Run("download", "--credentials", credentials, jobId, project);
            Assert.True(downloaded.ExitCode == 0, downloaded.Stderr);
            Assert.Matches(@"^\d+ files \(\d+(\.\d)? (bytes|KB|MB) zipped\) written to .+, all matching manifest\.json\.$", downloaded.Stdout.Trim());
            AssertPlain(downloaded.Stderr);
            Assert.Matches(@"100% Downloading outputs-only\.zip \(", downloaded.Stderr);
            var downloadedJson = JsonDocument.Parse(CliRunner.Run("download", "--credentials", credentials, jobId, project, "--json").Stdout).RootElement;
            Assert.Equal(jobId, downloadedJson.GetProperty("job_id").GetString());
            Assert.True(downloadedJson.GetProperty("files").GetInt32() > 0);
            var local = Path.Combine(work, "local");
            ProcessingPipeline.Run(MesaWorkload.Load(project), new ProcessingOptions { OutputFolder = local, Threads = 1 });
            Assert.Equal(File.ReadAllBytes(OutputFiles.PathIn(local, OutputFiles.Flat)), File.ReadAllBytes(OutputFiles.PathIn(project, OutputFiles.Flat)));

            var cancelled = CliRunner.Run("cancel", "--credentials", credentials, jobId);
            Assert.Equal(1, cancelled.ExitCode);
            Assert.StartsWith("mesa-cloud cancel: 409: ", cancelled.Stderr);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_workload_gives_one_line_with_the_preflight_problem()
    {
        await using var host = await ServerHost.StartAsync();
        var work = Directory.CreateTempSubdirectory("mesa-cli-client-").FullName;
        try
        {
            var api = new MesaApi(host);
            var credentials = Path.Combine(work, "credentials.json");
            // Credentials as verify would save them, from a sign-in over HTTP.
            await File.WriteAllTextAsync(credentials,
                $$"""{"server": "{{host.Http.BaseAddress}}", "access_token": "{{await api.SignInAsync()}}", "expires_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""");
            var project = WorkedExampleWorkload(Path.Combine(work, "project"));
            File.Copy(WorkloadFiles.PathIn(project, WorkloadFiles.AssetGroup), WorkloadFiles.PathIn(project, WorkloadFiles.GeocodeObject), overwrite: true);
            var submitted = CliRunner.Run("submit", "--credentials", credentials, project);
            Assert.Equal(1, submitted.ExitCode);
            Assert.StartsWith("mesa-cloud submit: 422: output/geoparquet/tbl_geocode_object.parquet", submitted.Stderr);
            Assert.Single(submitted.Stderr.TrimEnd().Split('\n'));

            var noCredentials = CliRunner.Run("status", "--credentials", Path.Combine(work, "missing.json"));
            Assert.Equal(1, noCredentials.ExitCode);
            Assert.Contains("mesa-cloud register", noCredentials.Stderr);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // A time as the readable output writes it: 2026-12-05 19:20:31 +00:00.
    private const string Time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d";

    /// <summary>Redirected output is plain text: no ANSI escape codes (colour, cursor moves) and no JSON-escaped '+'.</summary>
    private static void AssertPlain(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain("\\u002B", output);
    }

    private static string WorkedExampleWorkload(string folder) => Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Build().Build(folder);
}
