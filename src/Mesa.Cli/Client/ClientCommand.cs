using System.CommandLine;
using System.Security.Authentication;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mesa.Cli.Profiles;
using Mesa.Identity;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>Shared pieces of the client commands: the common options, readable or JSON output and the one-line error convention.</summary>
internal static class ClientCommand
{
    // Relaxed escaping keeps times readable in JSON too: "+00:00", not "\u002B00:00".
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the server's reply as JSON, for scripts, instead of sentences and tables",
    };

    public static Option<string> Credentials() => new("--credentials")
    {
        Description = "Where verify saves the server and access token (default: $MESA_CLOUD_CREDENTIALS or ~/.config/mesa-cloud/credentials.json)",
        DefaultValueFactory = _ => ClientCredentials.DefaultPath(),
    };

    public static Option<string> Server() => new("--server")
    {
        Description = "Server base URL (default: $MESA_SERVER, else the imported server profile's, else http://127.0.0.1:8080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESA_SERVER") is { Length: > 0 } server ? server
            : ImportedServer.Load()?.BaseUrl ?? "http://127.0.0.1:8080",
    };

    /// <summary>Runs <paramref name="body"/>; a <see cref="ClientException"/> or a network failure prints one line on stderr and gives exit 1.</summary>
    public static async Task<int> RunAsync(string name, Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException refused)
        {
            return CommandFailure.Report(name, $"{e.Message} The server's HTTPS certificate was refused ({refused.Message}); " +
                $"if it comes from a private CA, name the CA's PEM file in {ServerTrust.Variable}.");
        }
        catch (Exception e) when (e is ClientException or IdentityException or HttpRequestException or IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Report(name, e.Message);
        }
    }

    /// <summary>The reply as JSON with <c>--json</c>, else as <paramref name="readable"/> writes it for people.</summary>
    public static void Print(JsonElement reply, bool json, Action<IAnsiConsole> readable)
    {
        if (json) Console.WriteLine(JsonSerializer.Serialize(reply, Output));
        else readable(ClientConsole.Out);
    }

    /// <summary>A client for the saved server and tokens.</summary>
    public static ServerClient Authenticated(string credentialsPath)
    {
        var credentials = ClientCredentials.Load(credentialsPath);
        return new ServerClient(credentials.Server, new ClientSession(credentialsPath, credentials));
    }
}
