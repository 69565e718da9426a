using System.CommandLine;
using System.Text.Json;

namespace Mesa.Cli.Client;

/// <summary><c>mesa-cloud status [JOB_ID] [--wait]</c>: one job's state, progress and log tail, or the list of your jobs.</summary>
internal static class StatusCommand
{
    private static readonly string[] Ended = ["finished", "failed", "cancelled"];

    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var job = new Argument<string?>("JOB_ID") { Description = "The job (default: list your jobs)", Arity = ArgumentArity.ZeroOrOne };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has finished, failed or been cancelled, showing its progress on stderr" };
        var json = ClientCommand.Json();
        var command = new Command("status", "Show a job's state, stages and log tail, or list your jobs") { credentials, job, wait, json };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("status", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            if (parse.GetValue(job) is not { } id)
            {
                var page = await client.GetAsync("/jobs", cancellation);
                ClientCommand.Print(page, parse.GetValue(json), console => JobText.WriteList(console, page));
                return;
            }
            var detail = parse.GetValue(wait) ? await WaitAsync(client, id, cancellation) : await client.GetAsync($"/jobs/{id}", cancellation);
            ClientCommand.Print(detail, parse.GetValue(json), console => JobText.WriteDetail(console, detail, DateTimeOffset.UtcNow));
        }));
        return command;
    }

    /// <summary>Polls the job every second until it ends, showing its progress on stderr; returns its last state.</summary>
    public static Task<JsonElement> WaitAsync(ServerClient client, string jobId, CancellationToken cancellation) =>
        ClientProgress.ShowAsync($"Job {jobId}", 100, async report =>
        {
            while (true)
            {
                var job = await client.GetAsync($"/jobs/{jobId}", cancellation);
                report(JobText.State(job, DateTimeOffset.UtcNow), job.GetProperty("progress_percent").GetDouble());
                var state = job.GetProperty("state").GetString();
                if (Ended.Contains(state) || state == "awaiting_upload") return job;
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        });
}
