using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench cluster --url URL [--url URL ...] --mail-folder DIR</c>: request load spread over every node of a running
/// deployment, one JSON line with two figures: status polling (<c>GET /jobs/{id}</c>) and submissions (<c>POST /jobs</c>,
/// the write a submission starts with). bench/cluster.sh runs it against one SQLite node and three PostgreSQL nodes.
/// </summary>
internal static class ClusterBenchCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--url") { Description = "Base URL of a node; repeat for every node", Required = true, AllowMultipleArgumentsPerToken = true };
        var mailFolder = new Option<string>("--mail-folder") { Description = "The servers' mail pickup folder (<data folder>/mail)", Required = true };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients per figure, spread over the nodes", DefaultValueFactory = _ => 60 };
        var seconds = new Option<int>("--seconds") { Description = "How long each figure's load runs", DefaultValueFactory = _ => 10 };
        var command = new Command("cluster", "Measure status polling and submissions spread over the nodes of a running deployment")
        {
            urls, mailFolder, clients, seconds,
        };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("bench cluster", () => RunAsync(
            parse.GetValue(urls)!, parse.GetValue(mailFolder)!, parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(seconds)), cancellation)));
        return command;
    }

    private static async Task RunAsync(string[] urls, string mailFolder, int clients, TimeSpan duration, CancellationToken cancellation)
    {
        var accessToken = await ServerBenchCommand.SignInAsync(urls[0], mailFolder, cancellation);
        using var api = new ServerClient(urls[0], ClientSession.ForToken(urls[0], accessToken));
        var (jobId, _) = await ServerBenchCommand.CreateJobAsync(api, "status", cancellation);
        var targets = urls.Select(url => new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/") }).ToList();
        try
        {
            var status = await StatusLoad.RunAsync(targets, () => ServerBenchCommand.Authorized(HttpMethod.Get, $"jobs/{jobId}", accessToken),
                clients, duration, cancellation);
            var submissions = await StatusLoad.RunAsync(targets, () =>
            {
                var request = ServerBenchCommand.Authorized(HttpMethod.Post, "jobs", accessToken);
                request.Content = JsonContent.Create(new { name = "bench submission" });
                return request;
            }, clients, duration, cancellation);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["nodes"] = urls.Length,
                ["status"] = status.ToJson(),
                ["submissions"] = submissions.ToJson(),
            }));
        }
        finally
        {
            foreach (var target in targets) target.Dispose();
        }
    }
}
