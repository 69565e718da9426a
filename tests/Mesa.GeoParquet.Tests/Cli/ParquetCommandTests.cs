using System.Text.Json;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Writing;
using Mesa.TestSupport;
using NetTopologySuite.Geometries;

namespace Mesa.GeoParquet.Tests.Cli;

/// <summary>The <c>mesa-cloud parquet</c> commands, run as a real process.</summary>
public sealed class ParquetCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesa-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Inspect_prints_rows_columns_codecs_encodings_and_metadata()
    {
        var path = WriteGeoFile();
        var result = CliRunner.Run("parquet", "inspect", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("num_rows").GetInt64());
        Assert.Equal(1, root.GetProperty("row_groups").GetInt32());
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["id", "name", "observed", "geometry"], columns.Select(c => c.GetProperty("name").GetString()));
        var observed = columns[2];
        Assert.Equal("INT64", observed.GetProperty("physical_type").GetString());
        Assert.Equal("TIMESTAMP(MICROS,UTC)", observed.GetProperty("logical_type").GetString());
        Assert.True(observed.GetProperty("nullable").GetBoolean());
        Assert.Equal("ZSTD", observed.GetProperty("codec").GetString());
        Assert.Contains("PLAIN", observed.GetProperty("encodings").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, columns[0].GetProperty("logical_type").ValueKind);
        var geo = JsonDocument.Parse(root.GetProperty("key_value_metadata").GetProperty("geo").GetString()!);
        Assert.Equal("geometry", geo.RootElement.GetProperty("primary_column").GetString());
    }

    [Fact]
    public void Cat_prints_one_json_object_per_row_with_wkt_iso_timestamps_and_nulls()
    {
        var path = WriteGeoFile();
        var result = CliRunner.Run("parquet", "cat", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(7, first.GetProperty("id").GetInt64());
        Assert.Equal("Kyst ø", first.GetProperty("name").GetString());
        Assert.Equal("2024-05-17T12:34:56.789012Z", first.GetProperty("observed").GetString());
        Assert.Equal("POLYGON ((10 60, 11 60, 11 61, 10 61, 10 60))", first.GetProperty("geometry").GetString());
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(JsonValueKind.Null, second.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("observed").ValueKind);
        Assert.Equal("POINT (5.5 58.25)", second.GetProperty("geometry").GetString());

        var limited = CliRunner.Run("parquet", "cat", path, "--limit", "1");
        Assert.Equal(0, limited.ExitCode);
        Assert.Single(limited.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("cat")]
    public void Broken_input_exits_non_zero_with_one_line_naming_the_file(string command)
    {
        var missing = Path.Combine(_directory, "missing.parquet");
        var notParquet = Path.Combine(_directory, "notes.parquet");
        File.WriteAllText(notParquet, "this is a text file, not parquet at all");
        var truncated = Path.Combine(_directory, "truncated.parquet");
        var valid = File.ReadAllBytes(WriteGeoFile());
        File.WriteAllBytes(truncated, valid[..(valid.Length / 2)]);

        foreach (var path in new[] { missing, notParquet, truncated })
        {
            var result = CliRunner.Run("parquet", command, path);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Equal("", result.Stdout);
            var stderrLines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(stderrLines);
            Assert.Contains(path, stderrLines[0]);
        }
    }

    private string WriteGeoFile()
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.parquet");
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var schema = new ParquetSchema(
            ColumnDescriptor.Int64("id", nullable: false),
            ColumnDescriptor.String("name"),
            ColumnDescriptor.Timestamp("observed"),
            ColumnDescriptor.Binary("geometry"));
        var polygon = factory.CreatePolygon([new(10, 60), new(11, 60), new(11, 61), new(10, 61), new(10, 60)]);
        var columns = new Column[]
        {
            new PrimitiveColumn<long>(schema.Columns[0], [7, 8, 9]),
            BinaryColumn.FromStrings(schema.Columns[1], ["Kyst ø", null, ""]),
            new PrimitiveColumn<long>(schema.Columns[2], [1_715_949_296_789_012, 0, 0], [true, false, true]),
            GeoParquetWriter.ToWkbColumn(schema.Columns[3], [polygon, factory.CreatePoint(new Coordinate(5.5, 58.25)), null]),
        };
        using (var writer = GeoParquetWriter.Create(path, schema))
            writer.WriteRowGroup(new RowBatch(schema, columns));
        return path;
    }
}
