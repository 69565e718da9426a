using System.CommandLine;
using Mesa.Cli.Profiles;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// <c>mesa-cloud verify [--token-file FILE]</c>: redeems the mailed token (read from the file or stdin, never
/// from the command line, where other users could see it) and saves the access and refresh tokens.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var server = ClientCommand.Server();
        var credentials = ClientCommand.Credentials();
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the mailed token (default: read one line from stdin)" };
        var json = ClientCommand.Json();
        var command = new Command("verify", "Exchange the mailed token for an access token, saved for the other commands") { server, credentials, tokenFile, json };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("verify", async () =>
        {
            var token = (parse.GetValue(tokenFile) is { } file ? await File.ReadAllTextAsync(file, cancellation) : Console.ReadLine())?.Trim();
            if (string.IsNullOrEmpty(token)) throw new ClientException("no token given (put it in --token-file or on stdin).");
            var address = parse.GetValue(server)!;
            using var client = new ServerClient(address);
            var reply = await client.PostAsync("/auth/verify", new { token }, cancellation);
            var saved = ClientCredentials.FromReply(address, reply);
            await ServerIdentityCheck.VerifyAsync(address, saved.AccessToken, cancellation);
            var path = parse.GetValue(credentials)!;
            saved.Save(path);
            var user = reply.GetProperty("user");
            ClientCommand.Print(user, parse.GetValue(json), console => console.WriteLine(
                $"Signed in as {user.GetProperty("name").GetString()} <{user.GetProperty("email").GetString()}> of {user.GetProperty("affiliation").GetString()}."));
            Console.Error.WriteLine($"Tokens saved in {path}; the access token renews itself until {saved.RefreshExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }));
        return command;
    }
}
