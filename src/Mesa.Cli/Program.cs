using System.CommandLine;
using Mesa.Cli;
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

StartupClock.Start();
var root = new RootCommand("mesa-cloud: MESA cloud processing tools")
{
    ParquetCommand.Create(),
    BenchCommand.Create(),
    WorkloadCommand.Create(),
    ProcessCommand.Create(),
    TilesCommand.Create(),
    RegisterCommand.Create(),
    VerifyCommand.Create(),
    SubmitCommand.Create(),
    StatusCommand.Create(),
    DownloadCommand.Create(),
    CancelCommand.Create(),
    KeysCommand.Create(),
    ProfileCommand.Create(),
    PeersCommand.Create(),
    DbCommand.Create(),
    AdminCommand.Create(),
    DoctorCommand.Create(),
    ProbeCommand.Create(),
};
return root.Parse(args).Invoke();
