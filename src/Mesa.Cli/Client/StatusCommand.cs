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
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has finished, failed or been cancelled" };
        var command = new Command("status", "Show a job's state, or list your jobs") { credentials, job, wait };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("status", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var id = parse.GetValue(job);
            ClientCommand.Print(id is null ? await client.GetAsync("/jobs", cancellation)
                : parse.GetValue(wait) ? await WaitAsync(client, id, cancellation)
                : await client.GetAsync($"/jobs/{id}", cancellation));
        }));
        return command;
    }

    /// <summary>Polls the job every second until it ends; returns its last state.</summary>
    public static async Task<JsonElement> WaitAsync(ServerClient client, string jobId, CancellationToken cancellation)
    {
        while (true)
        {
            var job = await client.GetAsync($"/jobs/{jobId}", cancellation);
            var state = job.GetProperty("state").GetString();
            if (Ended.Contains(state) || state == "awaiting_upload") return job;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }
}
