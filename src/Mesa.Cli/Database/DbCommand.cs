using System.CommandLine;

namespace Mesa.Cli.Database;

/// <summary><c>mesa-cloud db ...</c>: operator tools for the server's state store.</summary>
internal static class DbCommand
{
    public static Command Create() => new("db", "Operate on the server's state store")
    {
        MigrateCommand.Create(),
    };
}
