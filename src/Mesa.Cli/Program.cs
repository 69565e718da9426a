using System.CommandLine;
using Mesa.Cli.Bench;
using Mesa.Cli.Parquet;

var root = new RootCommand("mesa-cloud: MESA cloud processing tools")
{
    ParquetCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
