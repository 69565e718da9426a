using System.CommandLine;

namespace Mesa.Cli.Client;

/// <summary><c>mesa-cloud cancel JOB_ID</c>: cancels a waiting or queued job, or stops a running one.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var credentials = ClientCommand.Credentials();
        var job = new Argument<string>("JOB_ID") { Description = "The job to cancel" };
        var command = new Command("cancel", "Cancel one of your jobs") { credentials, job };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("cancel", async () =>
        {
            using var client = ClientCommand.Authenticated(parse.GetValue(credentials)!);
            ClientCommand.Print(await client.PostAsync($"/jobs/{parse.GetValue(job)}/cancel", null, cancellation));
        }));
        return command;
    }
}
