using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Tests.Support;
using Mesa.GeoParquet.Tests.Support.Thrift;
using Mesa.GeoParquet.Writing;

namespace Mesa.GeoParquet.Tests.Hostile;

/// <summary>Broken and hostile files fail with a <see cref="ParquetFormatException"/> that says what is wrong; never a hang, a crash or a huge allocation.</summary>
public sealed class HostileFileTests
{
    private static readonly byte[] ValidFile = WriteValid();

    [Fact]
    public void Wrong_magic_at_either_end_is_named()
    {
        var head = (byte[])ValidFile.Clone();
        "XXXX"u8.CopyTo(head);
        Assert.Contains("magic", ReadAll(head).Message, StringComparison.OrdinalIgnoreCase);
        var tail = (byte[])ValidFile.Clone();
        "XXXX"u8.CopyTo(tail.AsSpan(tail.Length - 4));
        Assert.Contains("magic", ReadAll(tail).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Files_too_short_to_be_parquet_are_rejected()
    {
        foreach (var length in new[] { 0, 1, 4, 7, 11 })
            Assert.Contains("hostile.parquet", ReadAll(ValidFile[..length]).Message);
    }

    [Fact]
    public void Every_truncation_fails_cleanly()
    {
        // Cutting the file anywhere loses the footer (or its length/magic): each must be a format error.
        for (var length = 12; length < ValidFile.Length; length += Math.Max(1, ValidFile.Length / 300))
            ReadAll(ValidFile[..length]);
    }

    [Fact]
    public void Footer_length_beyond_the_file_is_reported()
    {
        var bytes = (byte[])ValidFile.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        Assert.Contains("footer", ReadAll(bytes).Message, StringComparison.OrdinalIgnoreCase);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), -5);
        Assert.Contains("footer", ReadAll(bytes).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Corrupting_any_footer_byte_gives_a_format_error_or_a_correct_read()
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(ValidFile.AsSpan(ValidFile.Length - 8));
        var footerStart = ValidFile.Length - 8 - footerLength;
        foreach (var replacement in new byte[] { 0x00, 0xFF, 0x7F, 0x19 })
        {
            for (var position = footerStart; position < ValidFile.Length - 8; position++)
            {
                var bytes = (byte[])ValidFile.Clone();
                bytes[position] = replacement;
                TryReadAll(bytes);
            }
        }
    }

    [Fact]
    public void Corrupting_page_bytes_gives_a_format_error_or_a_read()
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(ValidFile.AsSpan(ValidFile.Length - 8));
        var dataEnd = ValidFile.Length - 8 - footerLength;
        for (var position = 4; position < dataEnd; position += 3)
        {
            var bytes = (byte[])ValidFile.Clone();
            bytes[position] ^= 0xA5;
            TryReadAll(bytes);
        }
    }

    [Fact]
    public void A_page_claiming_gigabytes_is_refused_before_allocating()
    {
        var column = ColumnDescriptor.Int32("count", nullable: false);
        var body = new byte[40];
        var file = HandBuiltFile.Build(column, 10, [HandBuiltFile.DataPage(10, Encoding.Plain, body, claimedUncompressedSize: 2_000_000_000)], CompressionCodec.Zstd);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = ReadAll(file);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, "a hostile page size must not be allocated");
        Assert.Contains("count", error.Message);
    }

    public static TheoryData<string> AbsurdFooterSizes() => new(AbsurdFooters.Keys);

    private static readonly Dictionary<string, Action<FileMetaData>> AbsurdFooters = new(StringComparer.Ordinal)
    {
        ["file rows"] = m => m.NumRows = long.MaxValue,
        ["row group rows"] = m => m.RowGroups[0].NumRows = long.MaxValue,
        ["row group rows negative"] = m => m.RowGroups[0].NumRows = -1,
        ["chunk size"] = m => m.RowGroups[0].Columns[0].MetaData!.TotalCompressedSize = long.MaxValue / 2,
        ["chunk size negative"] = m => m.RowGroups[0].Columns[0].MetaData!.TotalCompressedSize = -100,
        ["page offset beyond the file"] = m => m.RowGroups[0].Columns[0].MetaData!.DataPageOffset = 1L << 40,
        ["page offset negative"] = m => m.RowGroups[0].Columns[0].MetaData!.DataPageOffset = -8,
    };

    [Theory]
    [MemberData(nameof(AbsurdFooterSizes))]
    public void Absurd_sizes_in_the_footer_give_one_error_naming_the_file(string what)
    {
        var column = ColumnDescriptor.Int32("count", nullable: false);
        var page = HandBuiltFile.DataPage(3, Encoding.Plain, [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
        var file = HandBuiltFile.Build(column, 3, [page], alterFooter: AbsurdFooters[what]);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        ReadAll(file);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, $"{what}: a hostile size must not be allocated");
    }

    [Fact]
    public void An_absurd_value_count_in_the_footer_is_not_trusted()
    {
        // Arrow counts values from the page headers; the chunk's num_values never sizes an allocation.
        var column = ColumnDescriptor.Int32("count", nullable: false);
        var page = HandBuiltFile.DataPage(3, Encoding.Plain, [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
        var file = HandBuiltFile.Build(column, 3, [page], alterFooter: m => m.RowGroups[0].Columns[0].MetaData!.NumValues = long.MaxValue);
        using var reader = ParquetReader.Open(new MemoryStream(file), "hostile.parquet");
        Assert.Equal([1, 2, 3], ((PrimitiveColumn<int>)reader.ReadColumn(0, 0)).Values);
    }

    [Fact]
    public void A_page_header_larger_than_the_read_window_is_still_read()
    {
        // Page statistics of long strings make headers of tens of kilobytes; the page reader widens its window.
        var column = ColumnDescriptor.Int32("count", nullable: false);
        var page = HandBuiltFile.DataPage(3, Encoding.Plain, [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
        page.Header.DataPageHeader!.Statistics = new Statistics { MinValue = new byte[100_000], MaxValue = new byte[100_000] };
        using var reader = ParquetReader.Open(new MemoryStream(HandBuiltFile.Build(column, 3, [page])), "big-header.parquet");
        Assert.Equal([1, 2, 3], ((PrimitiveColumn<int>)reader.ReadColumn(0, 0)).Values);
    }

    [Fact]
    public void A_page_claiming_more_values_than_rows_is_refused()
    {
        var column = ColumnDescriptor.Int32("count", nullable: false);
        var file = HandBuiltFile.Build(column, 10, [HandBuiltFile.DataPage(int.MaxValue, Encoding.Plain, new byte[40])]);
        Assert.Contains("count", ReadAll(file).Message);
    }

    [Fact]
    public void A_dictionary_index_out_of_range_names_the_column()
    {
        var column = ColumnDescriptor.String("category", nullable: false);
        var dictionary = new byte[] { 1, 0, 0, 0, (byte)'a', 1, 0, 0, 0, (byte)'b' }; // two PLAIN strings
        // RLE_DICTIONARY body: bit width 3, then one RLE run of 4 values of id 5.
        var ids = new byte[] { 3, 4 << 1, 5 };
        var file = HandBuiltFile.Build(column, 4, [HandBuiltFile.DictionaryPage(2, dictionary), HandBuiltFile.DataPage(4, Encoding.RleDictionary, ids)]);
        // Arrow reports the broken index run as an early end of the page; the message names file, column and row group.
        var error = ReadAll(file);
        Assert.Contains("hostile.parquet: column 'category', row group 0", error.Message);
    }

    [Fact]
    public void A_string_length_beyond_the_page_is_refused()
    {
        var column = ColumnDescriptor.String("name", nullable: false);
        var body = new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, (byte)'x' };
        var error = ReadAll(HandBuiltFile.Build(column, 1, [HandBuiltFile.DataPage(1, Encoding.Plain, body)]));
        Assert.Contains("name", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_column_names_column_and_row()
    {
        var column = ColumnDescriptor.String("label", nullable: false);
        var body = new byte[] { 1, 0, 0, 0, (byte)'a', 2, 0, 0, 0, 0xC3, 0x28 };
        using var reader = ParquetReader.Open(new MemoryStream(HandBuiltFile.Build(column, 2, [HandBuiltFile.DataPage(2, Encoding.Plain, body)])), "utf8.parquet");
        var text = (BinaryColumn)reader.ReadColumn(0, 0);
        Assert.Equal("a", text.GetString(0));
        var error = Assert.Throws<ParquetFormatException>(() => text.GetString(1));
        Assert.Contains("'label', row 1", error.Message);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Nested_list_columns_are_rejected_naming_the_column()
    {
        using var stream = new MemoryStream();
        using (var file = new ParquetSharp.ParquetFileWriter(stream, [new ParquetSharp.Column<int>("id"), new ParquetSharp.Column<string[]>("tags")], leaveOpen: true))
        {
            using var group = file.AppendRowGroup();
            using (var ids = group.NextColumn().LogicalWriter<int>()) ids.WriteBatch([1, 2]);
            using (var tags = group.NextColumn().LogicalWriter<string[]>()) tags.WriteBatch([["a", "b"], []]);
            file.Close();
        }
        var error = ReadAll(stream.ToArray(), "nested.parquet");
        Assert.Contains("nested.parquet", error.Message);
        Assert.Contains("'tags'", error.Message);
    }

    private static byte[] WriteValid()
    {
        var table = SampleTable.Create(600);
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, table.Schema, new ParquetWriterOptions { MaxRowsPerRowGroup = 300, TargetPageBytes = 1024 }, leaveOpen: true))
            writer.WriteRowGroup(table);
        return stream.ToArray();
    }

    private static ParquetFormatException ReadAll(byte[] bytes, string name = "hostile.parquet")
    {
        var error = Assert.Throws<ParquetFormatException>(() => Decode(bytes, name));
        Assert.StartsWith($"{name}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Either decodes everything or fails with a format error; any other exception fails the test.</summary>
    private static void TryReadAll(byte[] bytes)
    {
        try
        {
            Decode(bytes);
        }
        catch (ParquetFormatException error)
        {
            // The reader names the file; a value that decodes but is not valid text names column and row,
            // and the caller (pipeline, parquet cat) adds the file.
            Assert.True(error.Message.StartsWith("hostile.parquet: ", StringComparison.Ordinal) || error.Message.StartsWith("Column '", StringComparison.Ordinal), error.Message);
        }
    }

    private static void Decode(byte[] bytes, string name = "hostile.parquet")
    {
        using var reader = ParquetReader.Open(new MemoryStream(bytes), name);
        foreach (var batch in reader.ReadRowGroups())
        {
            foreach (var column in batch.Columns)
                for (var row = 0; row < batch.RowCount; row++)
                    ValueText.Format(column, row);
        }
    }
}
