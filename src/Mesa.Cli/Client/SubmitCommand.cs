using System.CommandLine;
using System.Text.Json;
using Mesa.Identity;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// <c>mesa-cloud submit PROJECT_DIR [--name N] [--wait] [--use-suggested]</c>: zips the workload, uploads it to the signed
/// URL and queues the job. The zip's SHA-256 is the idempotency key, so re-running after a failure does not duplicate the
/// job. A busy server may answer with a less loaded peer (<c>suggested_server</c>): the job goes there only when the user
/// says so (<c>--use-suggested</c>, or yes at the prompt on a terminal).
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder (config.ini + output/geoparquet/tbl_*.parquet)" };
        var name = new Option<string?>("--name") { Description = "A name for the job" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has finished, failed or been cancelled, showing its progress on stderr" };
        var useSuggested = new Option<bool>("--use-suggested") { Description = "When the server suggests a less loaded peer, submit there instead (needs --suggested-credentials)" };
        var suggestedCredentials = new Option<string?>("--suggested-credentials") { Description = "Credentials saved by 'verify' against the suggested server" };
        var json = ClientCommand.Json();
        var command = new Command("submit", "Upload a workload and queue it for processing") { credentials, project, name, wait, useSuggested, suggestedCredentials, json };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("submit", async () =>
        {
            var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var zip = Path.Combine(Path.GetTempPath(), $"mesa-workload-{Guid.NewGuid():N}.zip");
            try
            {
                var sha256 = WorkloadZip.Create(parse.GetValue(project)!, zip);
                var job = await CreateAsync(client, parse.GetValue(name), sha256, cancellation);
                if (job.TryGetProperty("suggested_server", out var suggested) && suggested.ValueKind == JsonValueKind.Object
                    && Offer(suggested, parse.GetValue(useSuggested)))
                {
                    var there = ClientCommand.Authenticated(CredentialsFor(suggested, parse.GetValue(suggestedCredentials)));
                    await client.PostAsync($"/jobs/{job.GetProperty("job_id").GetString()}/cancel", null, cancellation);
                    client.Dispose();
                    client = there;
                    job = await CreateAsync(client, parse.GetValue(name), sha256, cancellation);
                }
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
                client.Dispose();
                File.Delete(zip);
            }
        }));
        return command;
    }

    private static Task<JsonElement> CreateAsync(ServerClient client, string? name, string sha256, CancellationToken cancellation) =>
        client.PostAsync("/jobs", new { name }, cancellation, new Dictionary<string, string> { ["Idempotency-Key"] = $"sha256:{sha256}" });

    /// <summary>Tells the user about the suggestion; whether to take it (the option, or the user's answer on a terminal).</summary>
    private static bool Offer(JsonElement suggested, bool useSuggested)
    {
        var url = suggested.GetProperty("base_url").GetString();
        ClientConsole.Error.WriteLine($"This server has {suggested.GetProperty("queue_length_here").GetInt32()} jobs queued; " +
            $"peer '{suggested.GetProperty("label").GetString()}' at {url} has {suggested.GetProperty("queue_length").GetInt32()} " +
            $"(root {suggested.GetProperty("root_fingerprint").GetString()}).");
        if (useSuggested) return true;
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            ClientConsole.Error.WriteLine("The job stays here; to submit there instead, run again with --use-suggested --suggested-credentials FILE.");
            return false;
        }
        return ClientConsole.Error.Confirm($"Submit to {url} instead?", defaultValue: false);
    }

    /// <summary>The saved credentials for the suggested server, after checking its signed profile against the root the suggesting server vouches for.</summary>
    private static string CredentialsFor(JsonElement suggested, string? path)
    {
        var profile = SignedServerProfile.Verify(suggested.GetProperty("profile").GetRawText(), suggested.GetProperty("root_fingerprint").GetString());
        if (path is null)
            throw new ClientException($"to submit to {profile.Server.BaseUrl}, pass --suggested-credentials with credentials saved by 'mesa-cloud verify --server {profile.Server.BaseUrl} --credentials FILE'.");
        var saved = ClientCredentials.Load(path);
        if (!string.Equals(saved.Server.TrimEnd('/'), profile.Server.BaseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            throw new ClientException($"{path} holds credentials for {saved.Server}, not for the suggested server {profile.Server.BaseUrl}.");
        return path;
    }
}
