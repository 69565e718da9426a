using System.CommandLine;
using Mesa.Cli.Client;
using Mesa.Identity;

namespace Mesa.Cli.Keys;

/// <summary>
/// <c>mesa-cloud keys init-root | issue-active | revoke</c>: the server's identity keys (docs/keys.md). The root
/// key lives off the server; only active keys certified by it, and the root's public key, go into the data folder.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Server identity keys: offline root, certified active keys, revocation")
    {
        InitRoot(),
        IssueActive(),
        Revoke(),
    };

    private static Command InitRoot()
    {
        var output = new Option<string>("--out") { Required = true, Description = "Where to write the root private key (PEM, owner-only); keep it off the server" };
        var command = new Command("init-root", "Create the offline root key pair and print its fingerprint") { output };
        command.SetAction((parse, _) => ClientCommand.RunAsync("keys init-root", () =>
        {
            using var root = P256Keys.New();
            NewFile.Create(parse.GetValue(output)!, root.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
            Console.WriteLine(KeyFingerprint.Of(root));
            Console.Error.WriteLine($"Root key written to {Path.GetFullPath(parse.GetValue(output)!)}. The line above is its fingerprint (SHA-256 of the public key, hex); give it to clients.");
            return Task.CompletedTask;
        }));
        return command;
    }

    private static Command IssueActive()
    {
        var root = RootOption();
        var dataFolder = DataFolderOption();
        var days = new Option<int>("--days") { Description = "How long the key may sign (default 90)", DefaultValueFactory = _ => 90 };
        var command = new Command("issue-active", "Create a new active signing key certified by the root; the server signs with it from now on") { root, dataFolder, days };
        command.SetAction((parse, _) => ClientCommand.RunAsync("keys issue-active", () =>
        {
            if (parse.GetValue(days) is < 1 or > 3650) throw new ClientException("--days must be between 1 and 3650.");
            using var rootKey = P256Keys.LoadPrivate(parse.GetValue(root)!);
            var key = KeyFolder.InDataFolder(parse.GetValue(dataFolder)!).Issue(rootKey, TimeSpan.FromDays(parse.GetValue(days)));
            Console.WriteLine(key.Kid);
            Console.Error.WriteLine($"Active key {key.Kid} valid until {key.Certificate.NotAfter:yyyy-MM-dd HH:mm} UTC, certified by root {key.Certificate.RootFingerprint}.");
            return Task.CompletedTask;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var dataFolder = DataFolderOption();
        var kid = new Argument<string>("KID") { Description = "The key id to revoke (see /.well-known/mesa-keys)" };
        var command = new Command("revoke", "Revoke a compromised active key: tokens it signed stop working at once") { dataFolder, kid };
        command.SetAction((parse, _) => ClientCommand.RunAsync("keys revoke", () =>
        {
            KeyFolder.InDataFolder(parse.GetValue(dataFolder)!).Revoke(parse.GetValue(kid)!);
            Console.Error.WriteLine($"Key {parse.GetValue(kid)} revoked; users renew their access tokens with their refresh tokens.");
            return Task.CompletedTask;
        }));
        return command;
    }

    public static Option<string> RootOption() => new("--root") { Required = true, Description = "The root private key file from 'keys init-root'" };

    public static Option<string> DataFolderOption() => new("--data-dir")
    {
        Description = "The server's data folder (Mesa:DataFolder); default ./mesa-data",
        DefaultValueFactory = _ => "./mesa-data",
    };
}
