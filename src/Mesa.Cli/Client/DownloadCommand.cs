using System.CommandLine;

namespace Mesa.Cli.Client;

/// <summary>
/// <c>mesa-cloud download JOB_ID PROJECT_DIR</c>: fetches a finished job's results, checks every file against
/// manifest.json and unpacks them over the project folder (output/geoparquet/..., manifest.json).
/// </summary>
internal static class DownloadCommand
{
    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var job = new Argument<string>("JOB_ID") { Description = "A finished job" };
        var project = new Argument<string>("PROJECT_DIR") { Description = "MESA project folder the results are unpacked into" };
        var command = new Command("download", "Download a finished job's results into a MESA project folder") { credentials, job, project };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("download", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var results = await client.GetAsync($"/jobs/{parse.GetValue(job)}/results", cancellation);
            var zip = Path.GetTempFileName();
            try
            {
                await client.DownloadAsync(results.GetProperty("downloads")[0].GetProperty("url").GetString()!, zip, cancellation);
                var files = ResultsArchive.Unpack(zip, parse.GetValue(project)!);
                Console.WriteLine($"{files} files written to {Path.GetFullPath(parse.GetValue(project)!)}, all matching manifest.json.");
            }
            finally
            {
                File.Delete(zip);
            }
        }));
        return command;
    }
}
