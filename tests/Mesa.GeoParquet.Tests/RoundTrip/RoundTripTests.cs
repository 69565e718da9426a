using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Tests.Support;
using Mesa.GeoParquet.Writing;

namespace Mesa.GeoParquet.Tests.RoundTrip;

/// <summary>Every type, through every encoding the writer offers, every codec and both data page versions.</summary>
public sealed class RoundTripTests
{
    private const int Rows = 2_500;

    public enum EncodingPlan
    {
        /// <summary>What the writer picks: dictionary for repetitive byte arrays, PLAIN otherwise.</summary>
        WriterDefault,
        PlainOnly,
        /// <summary>DELTA_BINARY_PACKED integers, DELTA_LENGTH_BYTE_ARRAY strings, BYTE_STREAM_SPLIT floats, RLE booleans.</summary>
        Delta,
        /// <summary>DELTA_BYTE_ARRAY for byte arrays (incl. fixed length), BYTE_STREAM_SPLIT for fixed-length bytes.</summary>
        PrefixAndSplit,
    }

    public static TheoryData<CompressionCodec, EncodingPlan, bool> Combinations()
    {
        var data = new TheoryData<CompressionCodec, EncodingPlan, bool>();
        foreach (var codec in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Brotli, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
        foreach (var plan in Enum.GetValues<EncodingPlan>())
        foreach (var v2 in new[] { false, true })
            data.Add(codec, plan, v2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_type_survives_a_round_trip(CompressionCodec codec, EncodingPlan plan, bool dataPageV2)
    {
        var table = SampleTable.Create(Rows, seed: (int)codec * 10 + (int)plan);
        var options = new ParquetWriterOptions
        {
            Codec = codec,
            UseDataPageV2 = dataPageV2,
            MaxRowsPerRowGroup = 1_000, // several row groups
            TargetPageBytes = 2_048,    // several pages per chunk
            UseDictionary = plan == EncodingPlan.WriterDefault,
            EncodingOverride = Override(plan),
        };
        var bytes = Write(table, options);

        using var reader = ParquetReader.Open(new MemoryStream(bytes), "round-trip.parquet");
        Assert.Equal(Rows, reader.NumRows);
        Assert.Equal(3, reader.RowGroupCount);
        var start = 0;
        foreach (var batch in reader.ReadRowGroups())
        {
            TableAssert.Equal(table, start, batch, $"{codec}/{plan}/v{(dataPageV2 ? 2 : 1)}");
            start += batch.RowCount;
        }
        Assert.Equal(Rows, start);
        for (var c = 0; c < reader.Schema.Columns.Count; c++)
        {
            var chunks = reader.ColumnChunks(c);
            Assert.Equal(3, chunks.Count);
            foreach (var chunk in chunks)
            {
                Assert.Equal(codec, chunk.Codec);
                if (Override(plan)?.Invoke(reader.Schema.Columns[c]) is { } forced)
                    Assert.Contains(forced, chunk.Encodings);
            }
        }
    }

    [Fact]
    public void Repetitive_strings_are_dictionary_encoded_and_unique_ones_are_not()
    {
        var table = SampleTable.Create(Rows);
        using var reader = ParquetReader.Open(new MemoryStream(Write(table, new ParquetWriterOptions())), "dictionary.parquet");
        var category = reader.ColumnChunks(reader.Schema.IndexOf("category"))[0];
        Assert.Contains(Encoding.RleDictionary, category.Encodings);
        Assert.DoesNotContain(Encoding.RleDictionary, reader.ColumnChunks(reader.Schema.IndexOf("name"))[0].Encodings);
        Assert.Equal(CompressionCodec.Zstd, reader.ColumnChunks(0)[0].Codec);
    }

    [Fact]
    public void Empty_table_round_trips_with_its_schema()
    {
        var table = SampleTable.Create(0);
        using var reader = ParquetReader.Open(new MemoryStream(Write(table, new ParquetWriterOptions())), "empty.parquet");
        Assert.Equal(0, reader.NumRows);
        Assert.Equal(table.Schema.Columns, reader.Schema.Columns);
        foreach (var batch in reader.ReadRowGroups())
            Assert.Equal(0, batch.RowCount);
    }

    [Fact]
    public void Statistics_hold_min_max_and_null_count()
    {
        var table = SampleTable.Create(Rows);
        using var reader = ParquetReader.Open(new MemoryStream(Write(table, new ParquetWriterOptions())), "stats.parquet");
        var sequence = reader.ColumnChunks(reader.Schema.IndexOf("sequence"))[0];
        Assert.Equal(1_000_000L, sequence.Min);
        Assert.Equal(1_000_000L + (Rows - 1) * 3, sequence.Max);
        Assert.Equal(0, sequence.NullCount);
        var int64 = reader.ColumnChunks(reader.Schema.IndexOf("int64"))[0];
        Assert.Equal(Rows / 4, int64.NullCount);
        Assert.Equal(long.MinValue, int64.Min);
        Assert.Equal(long.MaxValue, int64.Max);
    }

    [Fact]
    public void Columns_decoded_side_by_side_equal_those_decoded_one_by_one()
    {
        var table = SampleTable.Create(Rows);
        using var reader = ParquetReader.Open(new MemoryStream(Write(table, new ParquetWriterOptions { MaxRowsPerRowGroup = 1_000 })), "threads.parquet");
        var start = 0;
        for (var rowGroup = 0; rowGroup < reader.RowGroupCount; rowGroup++)
        {
            var batch = reader.ReadRowGroup(rowGroup, threads: 4);
            TableAssert.Equal(table, start, batch, $"row group {rowGroup} on 4 threads");
            start += batch.RowCount;
        }
        Assert.Equal(Rows, start);
    }

    [Fact]
    public void A_failing_parallel_loop_reports_the_first_failure_in_order()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InOrderParallel.For(64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 7 == 3) throw new InvalidOperationException($"item {i}");
        }));
        Assert.Equal("item 3", error.Message);
    }

    [Fact]
    public void Reading_a_subset_of_columns_returns_only_those()
    {
        var table = SampleTable.Create(100);
        using var reader = ParquetReader.Open(new MemoryStream(Write(table, new ParquetWriterOptions())), "subset.parquet");
        var batch = reader.ReadRowGroup(0, ["name", "int64"]);
        Assert.Equal(["name", "int64"], batch.Schema.Columns.Select(c => c.Name));
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadRowGroup(0, ["missing"]));
        Assert.Contains("missing", error.Message);
    }

    private static byte[] Write(Columns.RowBatch table, ParquetWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, table.Schema, options, leaveOpen: true))
            writer.WriteRowGroup(table);
        return stream.ToArray();
    }

    private static Func<ColumnDescriptor, Encoding?>? Override(EncodingPlan plan) => plan switch
    {
        EncodingPlan.Delta => column => column.PhysicalType switch
        {
            PhysicalType.Int32 or PhysicalType.Int64 => Encoding.DeltaBinaryPacked,
            PhysicalType.ByteArray => Encoding.DeltaLengthByteArray,
            PhysicalType.Float or PhysicalType.Double => Encoding.ByteStreamSplit,
            PhysicalType.Boolean => Encoding.Rle,
            _ => null,
        },
        EncodingPlan.PrefixAndSplit => column => column.PhysicalType switch
        {
            PhysicalType.ByteArray => Encoding.DeltaByteArray,
            PhysicalType.FixedLenByteArray => column.LogicalType.Kind == LogicalKind.Decimal ? Encoding.DeltaByteArray : Encoding.ByteStreamSplit,
            _ => null,
        },
        _ => null,
    };
}
