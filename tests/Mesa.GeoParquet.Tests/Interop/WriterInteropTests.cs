using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Tests.Support;
using Mesa.GeoParquet.Writing;
using NetTopologySuite.Geometries;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>Files we write are read by DuckDB and hyparquet with identical values; DuckDB sees the GeoParquet geometry column.</summary>
public sealed class WriterInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesa-writer-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<CompressionCodec, bool, bool> Variants() => new()
    {
        { CompressionCodec.Zstd, false, true },
        { CompressionCodec.Snappy, false, false },
        { CompressionCodec.Gzip, true, true },
        { CompressionCodec.Brotli, false, true },
        { CompressionCodec.Lz4Raw, true, false },
        { CompressionCodec.Uncompressed, true, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void DuckDb_and_hyparquet_read_our_files_with_identical_values(CompressionCodec codec, bool dataPageV2, bool dictionary)
    {
        var table = SampleTable.Create(3_000, seed: (int)codec);
        var path = Path.Combine(_directory, $"ours_{codec}_{dataPageV2}.parquet");
        var options = new ParquetWriterOptions { Codec = codec, UseDataPageV2 = dataPageV2, UseDictionary = dictionary, MaxRowsPerRowGroup = 1_000, TargetPageBytes = 4_096 };
        using (var writer = ParquetWriter.Create(path, table.Schema, options))
            writer.WriteRowGroup(table);

        var expected = ReaderInteropTests.ReadCanonical(path);
        Assert.Equal(3_000, expected.Count);
        InteropAssert.RowsEqual(expected, NodeInterop.RunJsonLines("duckdb-read.mjs", path), $"DuckDB reading our {codec} file");
        InteropAssert.RowsEqual(expected, NodeInterop.RunJsonLines("hyparquet-read.mjs", path), $"hyparquet reading our {codec} file");
    }

    [Fact]
    public void DuckDb_sees_our_statistics_and_the_geometry_column()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var schema = new ParquetSchema(ColumnDescriptor.Int64("id", nullable: false), ColumnDescriptor.String("code"), ColumnDescriptor.Binary("geometry"));
        var polygons = Enumerable.Range(0, 500)
            .Select(i => (Geometry?)factory.CreatePolygon([new(10 + i * 0.01, 60), new(10.005 + i * 0.01, 60), new(10.005 + i * 0.01, 60.005), new(10 + i * 0.01, 60)]))
            .ToList();
        var path = Path.Combine(_directory, "geo.parquet");
        using (var writer = GeoParquetWriter.Create(path, schema))
        {
            writer.WriteRowGroup(new RowBatch(schema,
            [
                new PrimitiveColumn<long>(schema.Columns[0], Enumerable.Range(0, 500).Select(i => (long)i).ToArray()),
                BinaryColumn.FromStrings(schema.Columns[1], Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? null : $"c{i % 5}").ToList()),
                GeoParquetWriter.ToWkbColumn(schema.Columns[2], polygons),
            ]));
        }

        var description = NodeInterop.RunJson("duckdb-describe.mjs", path);
        Assert.Equal("500", description.GetProperty("row_count").GetString());
        var geometry = description.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "geometry");
        Assert.StartsWith("GEOMETRY", geometry.GetProperty("duckdb_type").GetString());
        var code = description.GetProperty("column_chunks").EnumerateArray().Single(c => c.GetProperty("path_in_schema").GetString() == "code");
        Assert.Equal("72", code.GetProperty("stats_null_count").GetString());
        Assert.Equal("c0", code.GetProperty("stats_min_value").GetString());
        Assert.Equal("c4", code.GetProperty("stats_max_value").GetString());
        Assert.Contains("RLE_DICTIONARY", code.GetProperty("encodings").GetString());
        var id = description.GetProperty("column_chunks").EnumerateArray().Single(c => c.GetProperty("path_in_schema").GetString() == "id");
        Assert.Equal("0", id.GetProperty("stats_min_value").GetString());
        Assert.Equal("499", id.GetProperty("stats_max_value").GetString());
        Assert.Contains(description.GetProperty("kv_metadata").EnumerateArray(), kv => kv.GetProperty("key").GetString() == "geo");
    }
}
