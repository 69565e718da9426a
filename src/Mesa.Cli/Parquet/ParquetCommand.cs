using System.CommandLine;

namespace Mesa.Cli.Parquet;

/// <summary>The <c>parquet</c> command group: look inside (Geo)Parquet files.</summary>
internal static class ParquetCommand
{
    public static Command Create() => new("parquet", "Inspect and print (Geo)Parquet files")
    {
        InspectCommand.Create(),
        CatCommand.Create(),
    };
}
