using System.CommandLine;
using Mesa.Cli.Admin;
using Mesa.Cli.Bench;
using Mesa.Cli.Client;
using Mesa.Cli.Database;
using Mesa.Cli.Doctor;
using Mesa.Cli.Keys;
using Mesa.Cli.Parquet;
using Mesa.Cli.Peers;
using Mesa.Cli.Pipeline;
using Mesa.Cli.Profiles;
using Mesa.Cli.Workload;

namespace Mesa.Cli;

/// <summary>
/// mesa-cloud's commands by name. A run builds only the command its first argument names (all of them for help or a
/// name it does not know): building all eighteen, and loading the assemblies they reference, took a small
/// <c>process</c> job about 0.05 s (docs/performance.md).
/// </summary>
internal static class CommandList
{
    public static IReadOnlyList<(string Name, Func<Command> Create)> All { get; } =
    [
        ("parquet", ParquetCommand.Create),
        ("bench", BenchCommand.Create),
        ("workload", WorkloadCommand.Create),
        ("process", ProcessCommand.Create),
        ("tiles", TilesCommand.Create),
        ("register", RegisterCommand.Create),
        ("verify", VerifyCommand.Create),
        ("submit", SubmitCommand.Create),
        ("status", StatusCommand.Create),
        ("download", DownloadCommand.Create),
        ("cancel", CancelCommand.Create),
        ("keys", KeysCommand.Create),
        ("profile", ProfileCommand.Create),
        ("peers", PeersCommand.Create),
        ("db", DbCommand.Create),
        ("admin", AdminCommand.Create),
        ("doctor", DoctorCommand.Create),
        ("probe", ProbeCommand.Create),
    ];

    /// <summary>The root command for <paramref name="args"/>.</summary>
    public static RootCommand Root(string[] args)
    {
        var root = new RootCommand("mesa-cloud: MESA cloud processing tools");
        var named = All.Where(c => args.Length > 0 && c.Name == args[0]).ToList();
        foreach (var (_, create) in named.Count > 0 ? named : All) root.Subcommands.Add(create());
        return root;
    }
}
