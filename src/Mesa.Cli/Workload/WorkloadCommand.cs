using System.CommandLine;

namespace Mesa.Cli.Workload;

/// <summary><c>mesa-cloud workload ...</c>: builds MESA workloads (project folders ready to process).</summary>
internal static class WorkloadCommand
{
    public static Command Create() => new("workload", "Build MESA workloads (project folders ready to process)")
    {
        SynthCommand.Create(),
        FromSamplesCommand.Create(),
        RealDataCommand.Create(),
    };
}
