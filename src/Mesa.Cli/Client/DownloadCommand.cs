using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// <c>mesa-cloud download JOB_ID PROJECT_DIR</c>: fetches a finished job's outputs, checks every file against
/// manifest.json and unpacks them over the project folder (output/geoparquet/..., manifest.json).
/// </summary>
internal static class DownloadCommand
{
    // The output folder alone, to unpack over the project; never the MESA backup package (package.zip), which is for
    // MESA's "Restore backup".
    private const string OutputsOnly = "outputs-only.zip";

    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var json = ClientCommand.Json();
        var job = new Argument<string>("JOB_ID") { Description = "A finished job" };
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder the results are unpacked into" };
        var command = new Command("download", "Download a finished job's results into a MESA project folder, showing progress on stderr") { credentials, json, job, project };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("download", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var jobId = parse.GetValue(job)!;
            var results = await client.GetAsync($"/jobs/{jobId}/results", cancellation);
            var download = Unpackable(results.GetProperty("downloads"));
            var name = download.GetProperty("name").GetString()!;
            var size = download.GetProperty("bytes").GetInt64();
            var folder = Path.GetFullPath(parse.GetValue(project)!);
            var zip = Path.GetTempFileName();
            try
            {
                var description = $"Downloading {name} ({ReadableSize.Of(size)})";
                var bytes = await ClientProgress.ShowAsync(description, size, report =>
                    client.DownloadAsync(download.GetProperty("url").GetString()!, zip, received => report(description, received), cancellation));
                var files = ResultsArchive.Unpack(zip, folder);
                var reply = JsonSerializer.SerializeToElement(new { job_id = jobId, download = name, bytes, files, folder });
                ClientCommand.Print(reply, parse.GetValue(json), console =>
                    console.WriteLine($"{files} files ({ReadableSize.Of(bytes)} zipped) written to {folder}, all matching manifest.json."));
            }
            finally
            {
                File.Delete(zip);
            }
        }));
        return command;
    }

    /// <summary>The entry of the results' <c>downloads</c> to unpack over the project.</summary>
    /// <exception cref="ClientException">The server offers no outputs-only.zip.</exception>
    public static JsonElement Unpackable(JsonElement downloads) =>
        downloads.EnumerateArray().FirstOrDefault(entry => entry.GetProperty("name").GetString() == OutputsOnly) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new ClientException($"the server offers no {OutputsOnly} for this job.");
}
