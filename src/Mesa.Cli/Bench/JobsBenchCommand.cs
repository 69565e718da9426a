using System.CommandLine;
using System.Text.Json;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench jobs --url URL --mail-folder DIR [--runs N] [--warmup N] PROJECT_DIR...</c>: the Process step inside a
/// running mesa-server, as a user's job runs there. It signs in like a user (reading the token from the .eml pickup
/// file of a server without SMTP), submits the first project <c>--warmup</c> times untimed (a fresh server compiles
/// its code in its first jobs), then each project N times, one job at a time, and prints one JSON line per project:
/// every job's seconds from the complete-upload request to its end (<see cref="TimedJob"/>), the stages' seconds the
/// job itself reports (<c>GET /jobs/{id}</c>), the Process step's seconds from its first stage's start to the end of
/// its last (every stage but tiles; not their sum, as prep may run beside intersect), and their medians over the runs.
/// bench/server-jobs.sh starts the server and prints them beside the PostGIS reference.
/// </summary>
internal static class JobsBenchCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base URL", Required = true };
        var mailFolder = new Option<string>("--mail-folder") { Description = "The server's mail pickup folder (<data folder>/mail)", Required = true };
        var runs = new Option<int>("--runs") { Description = "Jobs per project", DefaultValueFactory = _ => 3 };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--runs must be at least 1.");
        });
        var warmup = new Option<int>("--warmup") { Description = "Untimed jobs of the first project before the timed ones", DefaultValueFactory = _ => 1 };
        warmup.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError("--warmup must not be negative.");
        });
        var projects = new Argument<string[]>("PROJECT_DIR") { Description = "MESA project folders to submit", Arity = ArgumentArity.OneOrMore };
        var command = new Command("jobs", "Submit projects to a running mesa-server one job at a time and time each job's stages") { url, mailFolder, runs, warmup, projects };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("bench jobs", () => RunAsync(
            parse.GetValue(url)!, parse.GetValue(mailFolder)!, parse.GetValue(runs), parse.GetValue(warmup), parse.GetValue(projects)!, cancellation)));
        return command;
    }

    private static async Task RunAsync(string url, string mailFolder, int runs, int warmup, string[] projects, CancellationToken cancellation)
    {
        var missing = projects.FirstOrDefault(p => !Directory.Exists(p));
        if (missing is not null) throw new ClientException($"project folder '{missing}' does not exist.");
        var accessToken = await ServerBenchCommand.SignInAsync(url, mailFolder, cancellation);
        using var api = new ServerClient(url, ClientSession.ForToken(url, accessToken));
        var scratch = Directory.CreateTempSubdirectory("mesa-bench-jobs-");
        try
        {
            var zips = projects.Select((_, index) => Path.Combine(scratch.FullName, $"workload-{index}.zip")).ToList();
            foreach (var (project, zip) in projects.Zip(zips)) WorkloadZip.Create(project, zip);
            for (var run = 0; run < warmup; run++) await TimedJob.RunAsync(api, zips[0], "bench warm-up", cancellation);
            foreach (var (project, zip) in projects.Zip(zips))
            {
                var ends = new List<double>();
                var stages = new List<(string Stage, double Seconds)>();
                var processing = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    var job = await TimedJob.RunAsync(api, zip, $"bench {Path.GetFileName(Path.TrimEndingDirectorySeparator(project))}", cancellation);
                    if (job.State != "finished") throw new ClientException($"job {job.JobId} on {project} ended {job.State}.");
                    ends.Add(job.ToEndSeconds);
                    var detail = await api.GetAsync($"/jobs/{job.JobId}", cancellation);
                    var records = detail.GetProperty("stages").EnumerateArray().ToList();
                    stages.AddRange(records.Select(s => (s.GetProperty("stage").GetString()!, s.GetProperty("seconds").GetDouble())));
                    var core = records.Where(s => s.GetProperty("stage").GetString() != "tiles").ToList();
                    processing.Add((core.Max(s => s.GetProperty("finished_at").GetDateTimeOffset()) - core.Min(s => s.GetProperty("started_at").GetDateTimeOffset())).TotalSeconds);
                }
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["workload"] = Path.GetFullPath(project),
                    ["runs"] = runs,
                    ["seconds"] = ends.Select(s => Math.Round(s, 3)),
                    ["median_seconds"] = Math.Round(Medians.Of(ends), 3),
                    ["process_seconds"] = Math.Round(Medians.Of(processing), 3),
                    ["stages"] = stages.GroupBy(s => s.Stage).ToDictionary(g => g.Key, g => Math.Round(Medians.Of(g.Select(s => s.Seconds)), 4)),
                }));
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
