using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// <c>mesa-cloud submit PROJECT_DIR [--name N] [--wait]</c>: zips the workload, uploads it to the signed URL and
/// queues the job. The zip's SHA-256 is the idempotency key, so re-running after a failure does not duplicate the job.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder (config.ini + output/geoparquet/tbl_*.parquet)" };
        var name = new Option<string?>("--name") { Description = "A name for the job" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has finished, failed or been cancelled, showing its progress on stderr" };
        var json = ClientCommand.Json();
        var command = new Command("submit", "Upload a workload and queue it for processing") { credentials, project, name, wait, json };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("submit", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var zip = Path.Combine(Path.GetTempPath(), $"mesa-workload-{Guid.NewGuid():N}.zip");
            try
            {
                var sha256 = WorkloadZip.Create(parse.GetValue(project)!, zip);
                var job = await client.PostAsync("/jobs", new { name = parse.GetValue(name) }, cancellation,
                    new Dictionary<string, string> { ["Idempotency-Key"] = $"sha256:{sha256}" });
                var jobId = job.GetProperty("job_id").GetString()!;
                if (job.GetProperty("upload") is { ValueKind: JsonValueKind.Object } upload)
                {
                    await client.PutFileAsync(upload.GetProperty("url").GetString()!, zip, cancellation);
                    job = await client.PostAsync($"/jobs/{jobId}/complete-upload", null, cancellation);
                }
                if (parse.GetValue(wait))
                {
                    var detail = await StatusCommand.WaitAsync(client, jobId, cancellation);
                    ClientCommand.Print(detail, parse.GetValue(json), console => JobText.WriteDetail(console, detail, DateTimeOffset.UtcNow));
                }
                else
                {
                    ClientCommand.Print(job, parse.GetValue(json), console => console.WriteLine(JobText.Sentence(job, DateTimeOffset.UtcNow)));
                }
            }
            finally
            {
                File.Delete(zip);
            }
        }));
        return command;
    }
}
