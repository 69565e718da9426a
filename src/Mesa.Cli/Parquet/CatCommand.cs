using System.CommandLine;
using System.Text.Json;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Reading;
using NetTopologySuite;
using NetTopologySuite.IO;

namespace Mesa.Cli.Parquet;

/// <summary>
/// <c>parquet cat FILE [--limit N]</c>: one JSON object per row. Geometry columns named in the "geo" metadata
/// print as WKT; everything else uses <see cref="ValueText"/> (exact text; numbers unquoted; timestamps ISO-8601).
/// </summary>
internal static class CatCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Parquet file to print" };
        var limit = new Option<long?>("--limit") { Description = "Print at most N rows" };
        var command = new Command("cat", "Print a Parquet file's rows as JSON lines") { file, limit };
        command.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 0)
                result.AddError("--limit must be 0 or more.");
        });
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var maxRows = parse.GetValue(limit) ?? long.MaxValue;
            return FileCommandRunner.Run("parquet cat", path, output => Write(path, maxRows, output));
        });
        return command;
    }

    private static void Write(string path, long maxRows, Stream output)
    {
        using var reader = ParquetReader.Open(path);
        var geometryColumns = GeoParquetFile.WkbColumns(reader, GeoParquetFile.ReadMetadata(reader));
        var wkbReader = new WKBReader(NtsGeometryServices.Instance) { HandleSRID = false };
        var wktWriter = new WKTWriter();
        using var json = new Utf8JsonWriter(output);
        var printed = 0L;
        for (var group = 0; group < reader.RowGroupCount && printed < maxRows; group++)
        {
            var batch = reader.ReadRowGroup(group);
            for (var row = 0; row < batch.RowCount && printed < maxRows; row++, printed++)
            {
                json.WriteStartObject();
                foreach (var column in batch.Columns)
                {
                    json.WritePropertyName(column.Name);
                    if (column.IsNull(row))
                        json.WriteNullValue();
                    else if (column is BinaryColumn binary && geometryColumns.Contains(column.Name))
                        json.WriteStringValue(wktWriter.Write(GeoParquetFile.ReadGeometry(binary, row, wkbReader)));
                    else
                        WriteValue(json, column, row);
                }
                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');
                json.Reset();
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, Column column, int row)
    {
        var text = ValueText.Format(column, row)!;
        if (column is PrimitiveColumn<bool> flags)
            json.WriteBooleanValue(flags[row]);
        else if (ValueText.IsNumeric(column.Descriptor) && double.IsFinite(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)))
            json.WriteRawValue(text, skipInputValidation: true);
        else
            json.WriteStringValue(text);
    }
}
