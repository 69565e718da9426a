using System.Buffers;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Tests.Support.Thrift;

namespace Mesa.GeoParquet.Tests.Support;

/// <summary>
/// Lays out a one-column, one-row-group Parquet file from raw page headers and bodies, so tests can state
/// exactly what a broken or unusual file contains.
/// </summary>
internal static class HandBuiltFile
{
    public sealed record Page(PageHeader Header, byte[] Body);

    /// <param name="alterFooter">Changes the footer before it is written (sizes and offsets as a hostile file states them).</param>
    public static byte[] Build(ColumnDescriptor column, long rows, IReadOnlyList<Page> pages, CompressionCodec codec = CompressionCodec.Uncompressed, Action<FileMetaData>? alterFooter = null)
    {
        var file = new ArrayBufferWriter<byte>();
        file.Write("PAR1"u8);
        long? dictionaryOffset = null;
        long? dataOffset = null;
        foreach (var page in pages)
        {
            if (page.Header.Type == PageType.DictionaryPage) dictionaryOffset ??= file.WrittenCount;
            else dataOffset ??= file.WrittenCount;
            ParquetThrift.WritePageHeader(page.Header, file);
            file.Write(page.Body);
        }
        var chunkStart = dictionaryOffset ?? dataOffset ?? 4;
        var metadata = new FileMetaData
        {
            Schema = SchemaElements.Of(column),
            NumRows = rows,
            RowGroups =
            [
                new RowGroup
                {
                    NumRows = rows,
                    TotalByteSize = file.WrittenCount - chunkStart,
                    Columns =
                    [
                        new ColumnChunk
                        {
                            FileOffset = chunkStart,
                            MetaData = new ColumnMetaData
                            {
                                Type = column.PhysicalType,
                                Encodings = [Encoding.Plain, Encoding.Rle],
                                PathInSchema = [column.Name],
                                Codec = codec,
                                NumValues = rows,
                                TotalCompressedSize = file.WrittenCount - chunkStart,
                                TotalUncompressedSize = file.WrittenCount - chunkStart,
                                DataPageOffset = dataOffset ?? chunkStart,
                                DictionaryPageOffset = dictionaryOffset,
                            },
                        },
                    ],
                },
            ],
        };
        alterFooter?.Invoke(metadata);
        var footerStart = file.WrittenCount;
        ParquetThrift.WriteFileMetaData(metadata, file);
        var footerLength = file.WrittenCount - footerStart;
        file.Write(BitConverter.GetBytes(footerLength));
        file.Write("PAR1"u8);
        return file.WrittenSpan.ToArray();
    }

    public static Page DataPage(int values, Encoding encoding, byte[] body, int? claimedUncompressedSize = null) => new(
        new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedPageSize = claimedUncompressedSize ?? body.Length,
            CompressedPageSize = body.Length,
            DataPageHeader = new DataPageHeader { NumValues = values, Encoding = encoding, DefinitionLevelEncoding = Encoding.Rle, RepetitionLevelEncoding = Encoding.Rle },
        },
        body);

    public static Page DictionaryPage(int values, byte[] body) => new(
        new PageHeader
        {
            Type = PageType.DictionaryPage,
            UncompressedPageSize = body.Length,
            CompressedPageSize = body.Length,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = values, Encoding = Encoding.Plain },
        },
        body);
}
