using System.CommandLine;
using System.Diagnostics;
using Mesa.Cli;
using Mesa.Cli.Native;
using Mesa.Cli.Pipeline;
using Mesa.PostGis;
using Mesa.Processing.Engines;

// mesa-cloud as deployed: `process` on the cpu engine runs here, compiled ahead of time; every other command, and
// `process` on another engine, runs in the managed mesa-cloud.dll beside this program, which this process becomes.
StartupClock.Start();
if (args is not ["process", ..]) return ManagedCli.Become(args);
OpenSslWarmUp.Start();
var root = new RootCommand("mesa-cloud: MESA cloud processing tools")
{
    ProcessCommand.Create((choice, _, _) =>
    {
        if (choice == EngineChoice.Default) return CpuEngine.Instance;
        Environment.Exit(ManagedCli.Become(args));
        throw new UnreachableException();
    }),
};
return root.Parse(args).Invoke();
