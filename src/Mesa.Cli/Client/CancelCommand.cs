using System.CommandLine;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary><c>mesa-cloud cancel JOB_ID</c>: cancels a waiting or queued job, or stops a running one.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var json = ClientCommand.Json();
        var job = new Argument<string>("JOB_ID") { Description = "The job to cancel" };
        var command = new Command("cancel", "Cancel one of your jobs") { credentials, json, job };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("cancel", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            var reply = await client.PostAsync($"/jobs/{parse.GetValue(job)}/cancel", null, cancellation);
            ClientCommand.Print(reply, parse.GetValue(json), console => console.WriteLine(JobText.Cancelled(reply)));
        }));
        return command;
    }
}
