using System.CommandLine;
using Mesa.Cli.Parquet;

var root = new RootCommand("mesa-cloud: MESA cloud processing tools")
{
    ParquetCommand.Create(),
};
return root.Parse(args).Invoke();
