using System.CommandLine;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary><c>mesa-cloud register --name --email --affiliation --summary</c>: asks the server to mail a one-time token.</summary>
internal static class RegisterCommand
{
    public static Command Create()
    {
        var server = ClientCommand.Server();
        var name = new Option<string>("--name") { Required = true, Description = "Your name" };
        var email = new Option<string>("--email") { Required = true, Description = "Where the token is mailed" };
        var affiliation = new Option<string>("--affiliation") { Required = true, Description = "Organisation" };
        var summary = new Option<string>("--summary") { Required = true, Description = "What the project is about" };
        var json = ClientCommand.Json();
        var command = new Command("register", "Register with a MESA server; it mails you a one-time token") { server, name, email, affiliation, summary, json };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("register", async () =>
        {
            using var client = new ServerClient(parse.GetValue(server)!);
            var reply = await client.PostAsync("/register", new
            {
                name = parse.GetValue(name),
                email = parse.GetValue(email),
                affiliation = parse.GetValue(affiliation),
                project_summary = parse.GetValue(summary),
            }, cancellation);
            ClientCommand.Print(reply, parse.GetValue(json), console => console.WriteLine(reply.GetProperty("message").GetString()!));
        }));
        return command;
    }
}
