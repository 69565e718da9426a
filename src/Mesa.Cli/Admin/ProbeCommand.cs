using System.CommandLine;
using Mesa.Cli.Client;
using Mesa.Server.Security;

namespace Mesa.Cli.Admin;

/// <summary>
/// <c>mesa-cloud probe [--server URL] [--admin-key KEY] [--json]</c>: has the server probe its environment now (recorded
/// in its history) and prints what it found. Authenticated like scripts on the other admin routes: the server's
/// <c>Mesa:Cluster:AdminApiKey</c> in the <c>X-Mesa-Admin-Key</c> header.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var server = ClientCommand.Server();
        var adminKey = new Option<string>("--admin-key")
        {
            Description = "The server's Mesa:Cluster:AdminApiKey (default: $MESA_ADMIN_KEY); read from the environment, it stays out of process lists",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESA_ADMIN_KEY") ?? "",
        };
        var json = ClientCommand.Json();
        var command = new Command("probe", "Probe the server's environment now (OS, CPU, memory, disks, PostgreSQL/PostGIS, GPU, software) and show it")
        {
            server, adminKey, json,
        };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("probe", async () =>
        {
            var key = parse.GetValue(adminKey);
            if (string.IsNullOrEmpty(key)) throw new ClientException("an admin key is needed: set MESA_ADMIN_KEY or pass --admin-key.");
            using var client = new ServerClient(parse.GetValue(server)!);
            var reply = await client.PostAsync("/admin/server-info/probe", null, cancellation, new Dictionary<string, string> { [AdminKeyGuard.Header] = key });
            ClientCommand.Print(reply, parse.GetValue(json), console => ServerInfoText.Write(console, reply.GetProperty("latest")));
        }));
        return command;
    }
}
