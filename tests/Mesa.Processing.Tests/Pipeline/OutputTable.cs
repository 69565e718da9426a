using Mesa.GeoParquet.Reading;
using Mesa.Processing.Pipeline;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>Reads an output table back, row by row, as column name -> value (geometry stays WKB bytes).</summary>
internal static class OutputTable
{
    public static List<Dictionary<string, object?>> Read(string path)
    {
        using var reader = ParquetReader.Open(path);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var batch in reader.ReadRowGroups())
        {
            for (var row = 0; row < batch.RowCount; row++)
                rows.Add(batch.Columns.ToDictionary(c => c.Name, c => c.GetValue(row)));
        }
        return rows;
    }

    /// <summary>All rows of every part file of a table folder (tbl_stacked), parts in name order.</summary>
    public static List<Dictionary<string, object?>> ReadFolder(string folder) =>
        Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal).SelectMany(Read).ToList();

    public static List<string> ColumnNames(string path)
    {
        using var reader = ParquetReader.Open(path);
        return reader.Schema.Columns.Select(c => c.Name).ToList();
    }

    public static string Path(string output, string relative) => OutputFiles.PathIn(output, relative);
}
