using System.CommandLine;
using System.Text.Json;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Reading;

namespace Mesa.Cli.Parquet;

/// <summary><c>parquet inspect FILE</c>: the footer as JSON (rows, row groups, columns with codecs and encodings, key/value metadata).</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Parquet file to inspect" };
        var command = new Command("inspect", "Print a Parquet file's schema and footer as JSON") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            return FileCommandRunner.Run("parquet inspect", path, output => Write(path, output));
        });
        return command;
    }

    private static void Write(string path, Stream output)
    {
        using var reader = ParquetReader.Open(path);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("file", path);
        json.WriteNumber("num_rows", reader.NumRows);
        json.WriteNumber("row_groups", reader.RowGroupCount);
        json.WriteString("created_by", reader.CreatedBy);
        json.WriteStartArray("columns");
        for (var c = 0; c < reader.Schema.Columns.Count; c++)
        {
            var column = reader.Schema.Columns[c];
            var chunks = reader.ColumnChunks(c);
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("physical_type", FormatNames.Of(column.PhysicalType));
            json.WriteString("logical_type", column.LogicalType.Kind == GeoParquet.Schema.LogicalKind.None ? null : column.LogicalType.ToString());
            json.WriteBoolean("nullable", column.Nullable);
            // A writer may change codec between row groups; list each distinct one.
            var codecs = chunks.Select(m => FormatNames.Of(m.Codec)).Distinct().ToList();
            json.WriteString("codec", string.Join(",", codecs));
            json.WriteStartArray("encodings");
            foreach (var encoding in chunks.SelectMany(m => m.Encodings).Distinct().Order())
                json.WriteStringValue(FormatNames.Of(encoding));
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("key_value_metadata");
        foreach (var (key, value) in reader.KeyValueMetadata)
            json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
