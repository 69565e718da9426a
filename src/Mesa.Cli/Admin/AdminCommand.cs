using System.CommandLine;
using System.Net.Mail;
using System.Data.Common;
using Mesa.Cluster.State;
using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;

namespace Mesa.Cli.Admin;

/// <summary>
/// <c>mesa-cloud admin add --email E (--data-folder DIR | --provider postgres --connection CS)</c>: creates a console admin
/// (or resets the password of an existing one) in the server's state store, migrating it first like the server does. The password is read from stdin or a prompt, never from the command line,
/// where it would show in process lists and shell history.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Required = true, Description = "The admin's email (the sign-in name)" };
        var dataFolder = new Option<string>("--data-folder")
        {
            Description = "The server's data folder, holding state.db (the server's Mesa:DataFolder); for the sqlite store",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Mesa__DataFolder") ?? "./mesa-data",
        };
        var provider = new Option<string>("--provider") { Description = "sqlite (default) or postgres", DefaultValueFactory = _ => "sqlite" };
        var connection = new Option<string?>("--connection") { Description = "Npgsql connection string for postgres (the server's Mesa:State:ConnectionString)" };
        var add = new Command("add", "Create an admin, or set a new password for an existing one (password from stdin or a prompt)") { email, dataFolder, provider, connection };
        add.SetAction(parse =>
        {
            try
            {
                var address = parse.GetValue(email)!.Trim().ToLowerInvariant();
                if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                    return CommandFailure.Report("admin add", $"--email '{address}' is not a valid email address.");
                var kind = StateProviders.Parse(parse.GetValue(provider));
                string target;
                if (kind == StateProvider.Sqlite)
                {
                    var folder = Path.GetFullPath(parse.GetValue(dataFolder)!);
                    if (!Directory.Exists(folder)) return CommandFailure.Report("admin add", $"data folder '{folder}' does not exist.");
                    target = Path.Combine(folder, "state.db");
                }
                else
                {
                    target = parse.GetValue(connection) ?? "";
                    if (string.IsNullOrWhiteSpace(target)) return CommandFailure.Report("admin add", "--connection is required with --provider postgres.");
                }
                var password = ReadPassword();
                if (PasswordHasher.Weakness(password) is { } weakness) return CommandFailure.Report("admin add", $"the password {weakness}");
                using var store = StateStore.Connect(kind, target);
                StateMigrations.Apply(store);
                var created = new AdminAccounts(store).AddOrReset(address, password);
                Console.WriteLine(created ? $"Admin {address} created." : $"Password of admin {address} replaced; any lockout lifted.");
                return 0;
            }
            catch (Exception e) when (e is IOException or DbException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                return CommandFailure.Report("admin add", e.Message);
            }
        });
        return new Command("admin", "Manage the server's console admins") { add };
    }

    /// <summary>One line from redirected stdin; at a terminal, a prompt without echo, asked twice.</summary>
    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? throw new InvalidOperationException("no password on stdin (expected one line).");
        var first = Prompt("Password: ");
        if (Prompt("Repeat password: ") != first) throw new InvalidOperationException("the two passwords differ.");
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; }
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
