using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>The <c>mesa-cloud</c> client commands as real processes against the real server.</summary>
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
            var submitted = CliRunner.Run("submit", "--credentials", credentials, project, "--name", "cli job", "--wait");
            Assert.True(submitted.ExitCode == 0, submitted.Stderr);
            Assert.Contains("\"state\": \"finished\"", submitted.Stdout);
            var jobId = System.Text.Json.JsonDocument.Parse(submitted.Stdout).RootElement.GetProperty("job_id").GetString()!;

            // Submitting the same workload again is the same job (its SHA-256 is the idempotency key).
            var again = CliRunner.Run("submit", "--credentials", credentials, project);
            Assert.Equal(jobId, System.Text.Json.JsonDocument.Parse(again.Stdout).RootElement.GetProperty("job_id").GetString());

            var listed = CliRunner.Run("status", "--credentials", credentials);
            Assert.Contains(jobId, listed.Stdout);

            var downloaded = CliRunner.Run("download", "--credentials", credentials, jobId, project);
            Assert.True(downloaded.ExitCode == 0, downloaded.Stderr);
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

    private static string WorkedExampleWorkload(string folder) => Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Build().Build(folder);
}
