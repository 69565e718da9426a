using System.CommandLine;
using System.Data.Common;
using Mesa.Cluster.State;

namespace Mesa.Cli.Database;

/// <summary>
/// <c>db migrate --connection CS [--provider postgres|sqlite]</c>: applies the same versioned migrations the server
/// applies at start-up, so an operator can upgrade the schema before rolling new nodes out.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Npgsql connection string (postgres) or state.db path (sqlite)", Required = true };
        var provider = new Option<string>("--provider") { Description = "postgres (default) or sqlite", DefaultValueFactory = _ => "postgres" };
        var command = new Command("migrate", "Bring a state store up to the newest schema version") { connection, provider };
        command.SetAction(parse => Run(parse.GetValue(connection)!, parse.GetValue(provider)!));
        return command;
    }

    private static int Run(string connectionString, string providerName)
    {
        try
        {
            using var store = StateStore.Connect(StateProviders.Parse(providerName), connectionString);
            foreach (var migration in StateMigrations.Apply(store)) Console.WriteLine($"applied {migration.Version:D3}_{migration.Name}");
            var applied = StateMigrations.Applied(store);
            Console.WriteLine($"schema at version {applied.LastOrDefault():D3} ({applied.Count} migrations)");
            return 0;
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
        {
            return CommandFailure.Report("db migrate", e.Message);
        }
    }
}
