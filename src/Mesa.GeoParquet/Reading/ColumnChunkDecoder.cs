using System.Buffers;
using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Compression;
using Mesa.GeoParquet.Encodings;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Walks the pages of one column chunk (dictionary page, data pages v1 and v2), decompresses
/// them, decodes definition levels and hands the values to a <see cref="ColumnBuilder"/>.
/// Every size read from the file is checked before it is used to allocate or slice.
/// </summary>
internal static class ColumnChunkDecoder
{
    public static Column Decode(ColumnChunkPages pages, ColumnDescriptor descriptor, ColumnMetaData meta, int rows, ParquetReaderOptions options, string context)
    {
        try
        {
            return DecodePages(pages, descriptor, meta, rows, options);
        }
        catch (ParquetFormatException e)
        {
            throw new ParquetFormatException($"{context}: {e.Message}", e);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new ParquetFormatException($"{context}: corrupt data ({e.Message})", e);
        }
    }

    private static Column DecodePages(ColumnChunkPages pages, ColumnDescriptor descriptor, ColumnMetaData meta, int rows, ParquetReaderOptions options)
    {
        var codec = CompressionCodecs.Get(meta.Codec);
        var builder = ColumnBuilder.Create(descriptor, rows, (int)Math.Min(meta.TotalUncompressedSize, int.MaxValue));
        var levels = ArrayPool<int>.Shared.Rent(1024);
        bool[]? defined = null;
        var valuesRead = 0;
        try
        {
            while (valuesRead < rows)
            {
                if (pages.AtEnd)
                    throw new ParquetFormatException($"the column chunk ends after {valuesRead} of {rows} values.");
                var header = pages.Next(out var body);
                if (header.UncompressedPageSize < 0 || header.UncompressedPageSize > options.MaxPageBytes)
                    throw new ParquetFormatException($"page claims {header.UncompressedPageSize} uncompressed bytes (limit {options.MaxPageBytes}).");

                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        var dictionary = header.DictionaryPageHeader ?? throw new ParquetFormatException("dictionary page without its header.");
                        if (dictionary.NumValues < 0) throw new ParquetFormatException($"dictionary page claims {dictionary.NumValues} values.");
                        WithDecompressed(codec, body, header.UncompressedPageSize, data => builder.SetDictionary(data, dictionary.NumValues, dictionary.Encoding));
                        break;
                    case PageType.DataPage:
                        var v1 = header.DataPageHeader ?? throw new ParquetFormatException("data page without its header.");
                        CheckValueCount(v1.NumValues, rows - valuesRead);
                        EnsureCapacity(ref levels, v1.NumValues);
                        WithDecompressed(codec, body, header.UncompressedPageSize, data =>
                        {
                            var values = data;
                            var present = v1.NumValues;
                            if (descriptor.Nullable)
                            {
                                if (v1.DefinitionLevelEncoding != Encoding.Rle)
                                    throw new ParquetFormatException($"definition levels encoded as {v1.DefinitionLevelEncoding}; only RLE is supported.");
                                if (data.Length < 4) throw new ParquetFormatException("data page too short for its definition levels.");
                                var levelBytes = BinaryPrimitives.ReadInt32LittleEndian(data);
                                if (levelBytes < 0 || levelBytes > data.Length - 4)
                                    throw new ParquetFormatException($"definition levels claim {levelBytes} bytes; the page has {data.Length - 4}.");
                                present = ReadDefinitionLevels(data.Slice(4, levelBytes), levels.AsSpan(0, v1.NumValues), ref defined, valuesRead, rows);
                                values = data[(4 + levelBytes)..];
                            }
                            builder.AddValues(values, present, v1.Encoding);
                        });
                        valuesRead += v1.NumValues;
                        break;
                    case PageType.DataPageV2:
                        var v2 = header.DataPageHeaderV2 ?? throw new ParquetFormatException("data page v2 without its header.");
                        CheckValueCount(v2.NumValues, rows - valuesRead);
                        if (v2.RepetitionLevelsByteLength < 0 || v2.DefinitionLevelsByteLength < 0
                            || (long)v2.RepetitionLevelsByteLength + v2.DefinitionLevelsByteLength > body.Length)
                            throw new ParquetFormatException($"data page v2 level sizes ({v2.RepetitionLevelsByteLength}, {v2.DefinitionLevelsByteLength}) exceed the page ({body.Length} bytes).");
                        EnsureCapacity(ref levels, v2.NumValues);
                        var levelsEnd = v2.RepetitionLevelsByteLength + v2.DefinitionLevelsByteLength;
                        var present2 = v2.NumValues;
                        if (descriptor.Nullable)
                            present2 = ReadDefinitionLevels(body.Slice(v2.RepetitionLevelsByteLength, v2.DefinitionLevelsByteLength), levels.AsSpan(0, v2.NumValues), ref defined, valuesRead, rows);
                        var valueBytes = body[levelsEnd..];
                        var valueSize = header.UncompressedPageSize - levelsEnd;
                        if (valueSize < 0) throw new ParquetFormatException("data page v2 is smaller than its levels.");
                        if (v2.IsCompressed)
                            WithDecompressed(codec, valueBytes, valueSize, data => builder.AddValues(data, present2, v2.Encoding));
                        else
                            builder.AddValues(valueBytes, present2, v2.Encoding);
                        valuesRead += v2.NumValues;
                        break;
                    default:
                        break; // Index pages and unknown page kinds carry no values.
                }
            }
            return builder.Build(defined);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static void CheckValueCount(int pageValues, int remaining)
    {
        if (pageValues < 0 || pageValues > remaining)
            throw new ParquetFormatException($"data page claims {pageValues} values; only {remaining} remain in the row group.");
    }

    private static void EnsureCapacity(ref int[] levels, int count)
    {
        if (levels.Length >= count) return;
        ArrayPool<int>.Shared.Return(levels);
        levels = ArrayPool<int>.Shared.Rent(count);
    }

    /// <summary>Decodes max-level-1 definition levels; returns how many values are present.</summary>
    private static int ReadDefinitionLevels(ReadOnlySpan<byte> data, Span<int> levels, ref bool[]? defined, int firstRow, int rows)
    {
        RleBitPackedHybrid.Decode(data, 1, levels);
        var present = 0;
        foreach (var level in levels) present += level;
        if (present == levels.Length && defined is null) return present;
        if (defined is null)
        {
            defined = new bool[rows];
            defined.AsSpan(0, firstRow).Fill(true);
        }
        for (var i = 0; i < levels.Length; i++) defined[firstRow + i] = levels[i] != 0;
        return present;
    }

    private delegate void PageAction(ReadOnlySpan<byte> data);

    private static void WithDecompressed(ICompressionCodec codec, ReadOnlySpan<byte> body, int uncompressedSize, PageAction action)
    {
        if (codec.Id == CompressionCodec.Uncompressed)
        {
            if (body.Length != uncompressedSize)
                throw new ParquetFormatException($"uncompressed page holds {body.Length} bytes but its header says {uncompressedSize}.");
            action(body);
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(uncompressedSize);
        try
        {
            var target = buffer.AsSpan(0, uncompressedSize);
            codec.Decompress(body, target);
            action(target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
