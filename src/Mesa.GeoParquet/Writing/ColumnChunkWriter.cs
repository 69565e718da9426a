using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Compression;
using Mesa.GeoParquet.Encodings;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Thrift;

namespace Mesa.GeoParquet.Writing;

/// <summary>Encodes the rows [start, end) of one column as a column chunk: optional dictionary page, then data pages.</summary>
internal sealed class ColumnChunkWriter
{
    // Pages also close at this many rows, as pyarrow does, so readers can skip within a chunk.
    private const int MaxRowsPerPage = 20_000;

    private readonly ParquetWriterOptions _options;
    private readonly ICompressionCodec _codec;
    private readonly ArrayBufferWriter<byte> _chunk = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _page = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _compressed = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _header = new(256);
    private readonly HashSet<Encoding> _encodings = [];
    private long _uncompressedBytes;

    public ColumnChunkWriter(ParquetWriterOptions options)
    {
        _options = options;
        _codec = CompressionCodecs.Get(options.Codec, options.CompressionLevel);
    }

    /// <summary>Encodes the chunk; its bytes are in <see cref="Bytes"/> until the next call.</summary>
    public ColumnMetaData Write(Column column, int start, int end)
    {
        _chunk.Clear();
        _encodings.Clear();
        _uncompressedBytes = 0;
        var descriptor = column.Descriptor;
        var present = PresentRows(column, start, end);
        try
        {
            long? dictionaryOffset = null;
            var encoding = _options.EncodingOverride?.Invoke(descriptor) ?? Encoding.Plain;
            int[]? ids = null;
            var bitWidth = 0;
            if (encoding is Encoding.RleDictionary or Encoding.PlainDictionary
                || (_options.EncodingOverride?.Invoke(descriptor) is null && _options.UseDictionary && column is BinaryColumn { Descriptor.PhysicalType: not PhysicalType.Int96 }))
            {
                ids = TryBuildDictionary(column, present, out var dictionary);
                if (ids is not null)
                {
                    dictionaryOffset = 0;
                    WriteDictionaryPage(column, dictionary!);
                    encoding = Encoding.RleDictionary;
                    bitWidth = RleBitPackedHybrid.BitWidthOf(Math.Max(dictionary!.Count - 1, 0));
                }
                else if (encoding is Encoding.RleDictionary or Encoding.PlainDictionary)
                {
                    encoding = Encoding.Plain;
                }
            }
            var dataOffset = _chunk.WrittenCount;
            WriteDataPages(column, start, end, present, encoding, ids, bitWidth);
            return new ColumnMetaData
            {
                Type = descriptor.PhysicalType,
                Encodings = [.. _encodings.Order()],
                PathInSchema = [descriptor.Name],
                Codec = _options.Codec,
                NumValues = end - start,
                TotalUncompressedSize = _uncompressedBytes,
                TotalCompressedSize = _chunk.WrittenCount,
                DataPageOffset = dataOffset,
                DictionaryPageOffset = dictionaryOffset,
                Statistics = _options.WriteStatistics ? ColumnStatistics.Compute(column, start, end) : null,
            };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(present.Array);
        }
    }

    /// <summary>Chunk bytes; page offsets in the returned metadata are relative to their start.</summary>
    public ReadOnlySpan<byte> Bytes => _chunk.WrittenSpan;

    private static (int[] Array, int Count) PresentRows(Column column, int start, int end)
    {
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(end - start, 1));
        var count = 0;
        for (var row = start; row < end; row++)
        {
            if (!column.IsNull(row)) rows[count++] = row;
        }
        return (rows, count);
    }

    private int[]? TryBuildDictionary(Column column, (int[] Array, int Count) present, out ByteValueDictionary? dictionary)
    {
        dictionary = null;
        if (column is not BinaryColumn binary || present.Count == 0) return null;
        var candidate = new ByteValueDictionary(binary.Values);
        var ids = new int[present.Count];
        for (var i = 0; i < present.Count; i++)
        {
            ids[i] = candidate.IdOf(present.Array[i]);
            // Mostly distinct values (ids, geometries) gain nothing from a dictionary.
            if (candidate.ByteSize > _options.MaxDictionaryBytes || (i >= 1000 && candidate.Count > i / 2)) return null;
        }
        dictionary = candidate;
        return ids;
    }

    private void WriteDictionaryPage(Column column, ByteValueDictionary dictionary)
    {
        _page.Clear();
        var values = ((BinaryColumn)column).Values;
        EncodeBinaryPlain(column, values, dictionary.FirstRows);
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Count, Encoding = Encoding.Plain },
        };
        _encodings.Add(Encoding.Plain);
        EmitPage(header, _page.WrittenSpan, ReadOnlySpan<byte>.Empty, compressValues: true);
    }

    private void WriteDataPages(Column column, int start, int end, (int[] Array, int Count) present, Encoding encoding, int[]? ids, int bitWidth)
    {
        var presentIndex = 0;
        var levels = column.Descriptor.Nullable ? ArrayPool<int>.Shared.Rent(Math.Min(end - start, MaxRowsPerPage) + 1) : null;
        var levelBytes = new ArrayBufferWriter<byte>();
        try
        {
            var pageStart = start;
            while (pageStart < end || (pageStart == start && end == start))
            {
                var pageEnd = PageEnd(column, pageStart, end);
                var firstPresent = presentIndex;
                while (presentIndex < present.Count && present.Array[presentIndex] < pageEnd) presentIndex++;
                var pagePresent = present.Array.AsSpan(firstPresent, presentIndex - firstPresent);

                levelBytes.Clear();
                if (levels is not null)
                {
                    var pageLevels = levels.AsSpan(0, pageEnd - pageStart);
                    for (var row = pageStart; row < pageEnd; row++) pageLevels[row - pageStart] = column.IsNull(row) ? 0 : 1;
                    RleBitPackedHybrid.Encode(pageLevels, 1, levelBytes);
                    _encodings.Add(Encoding.Rle);
                }

                _page.Clear();
                if (ids is not null)
                {
                    _page.GetSpan(1)[0] = (byte)bitWidth;
                    _page.Advance(1);
                    RleBitPackedHybrid.Encode(ids.AsSpan(firstPresent, pagePresent.Length), bitWidth, _page);
                }
                else
                {
                    EncodeValues(column, pagePresent, encoding);
                }
                _encodings.Add(encoding);
                WriteDataPage(pageEnd - pageStart, pageEnd - pageStart - pagePresent.Length, encoding, levelBytes.WrittenSpan, levels is not null);
                if (pageEnd == pageStart) break;
                pageStart = pageEnd;
            }
        }
        finally
        {
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private int PageEnd(Column column, int pageStart, int end)
    {
        var limit = Math.Min(end, pageStart + MaxRowsPerPage);
        if (column is not BinaryColumn binary) return limit;
        long bytes = 0;
        var offsets = binary.Values.Offsets;
        for (var row = pageStart; row < limit; row++)
        {
            bytes += offsets[row + 1] - offsets[row] + 4;
            if (bytes >= _options.TargetPageBytes) return row + 1;
        }
        return limit;
    }

    private void WriteDataPage(int values, int nulls, Encoding encoding, ReadOnlySpan<byte> levels, bool nullable)
    {
        if (_options.UseDataPageV2)
        {
            var header = new PageHeader
            {
                Type = PageType.DataPageV2,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = values,
                    NumNulls = nulls,
                    NumRows = values,
                    Encoding = encoding,
                    DefinitionLevelsByteLength = levels.Length,
                    RepetitionLevelsByteLength = 0,
                    IsCompressed = _options.Codec != CompressionCodec.Uncompressed,
                },
            };
            EmitPage(header, _page.WrittenSpan, levels, compressValues: header.DataPageHeaderV2.IsCompressed);
            return;
        }
        var v1 = new PageHeader
        {
            Type = PageType.DataPage,
            DataPageHeader = new DataPageHeader
            {
                NumValues = values,
                Encoding = encoding,
                DefinitionLevelEncoding = Encoding.Rle,
                RepetitionLevelEncoding = Encoding.Rle,
            },
        };
        if (!nullable)
        {
            EmitPage(v1, _page.WrittenSpan, ReadOnlySpan<byte>.Empty, compressValues: true);
            return;
        }
        // v1 pages compress levels and values together, the levels behind a 4-byte length.
        var body = new byte[4 + levels.Length + _page.WrittenCount];
        BinaryPrimitives.WriteInt32LittleEndian(body, levels.Length);
        levels.CopyTo(body.AsSpan(4));
        _page.WrittenSpan.CopyTo(body.AsSpan(4 + levels.Length));
        EmitPage(v1, body, ReadOnlySpan<byte>.Empty, compressValues: true);
    }

    /// <summary>Writes header + (raw prefix, compressed values) to the chunk.</summary>
    private void EmitPage(PageHeader header, ReadOnlySpan<byte> values, ReadOnlySpan<byte> rawPrefix, bool compressValues)
    {
        ReadOnlySpan<byte> stored = values;
        if (compressValues && _codec.Id != CompressionCodec.Uncompressed)
        {
            _compressed.Clear();
            _codec.Compress(values, _compressed);
            stored = _compressed.WrittenSpan;
        }
        header.UncompressedPageSize = rawPrefix.Length + values.Length;
        header.CompressedPageSize = rawPrefix.Length + stored.Length;
        _header.Clear();
        ParquetThrift.WritePageHeader(header, _header);
        _chunk.Write(_header.WrittenSpan);
        _chunk.Write(rawPrefix);
        _chunk.Write(stored);
        _uncompressedBytes += _header.WrittenCount + header.UncompressedPageSize;
    }

    private void EncodeValues(Column column, ReadOnlySpan<int> rows, Encoding encoding)
    {
        switch (column)
        {
            case BinaryColumn binary:
                EncodeBinary(binary, rows, encoding);
                break;
            case PrimitiveColumn<bool> c when encoding == Encoding.Rle:
                EncodeRleBooleans(c, rows);
                break;
            case PrimitiveColumn<bool> c when encoding == Encoding.Plain:
                PlainEncoding.EncodeBooleans(Gather(c, rows), _page);
                break;
            case PrimitiveColumn<int> c:
                EncodeFixed(Gather(c, rows), encoding);
                break;
            case PrimitiveColumn<long> c:
                EncodeFixed(Gather(c, rows), encoding);
                break;
            case PrimitiveColumn<float> c:
                EncodeFixed(Gather(c, rows), encoding);
                break;
            case PrimitiveColumn<double> c:
                EncodeFixed(Gather(c, rows), encoding);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}': encoding {encoding} cannot be written for {column.Descriptor.PhysicalType}.");
        }
    }

    private void EncodeFixed<T>(T[] values, Encoding encoding) where T : unmanaged
    {
        switch (encoding)
        {
            case Encoding.Plain:
                PlainEncoding.EncodeFixed<T>(values, _page);
                break;
            case Encoding.DeltaBinaryPacked when typeof(T) == typeof(int):
                DeltaBinaryPacked.EncodeInt32(MemoryMarshal.Cast<T, int>(values), _page);
                break;
            case Encoding.DeltaBinaryPacked when typeof(T) == typeof(long):
                DeltaBinaryPacked.EncodeInt64(MemoryMarshal.Cast<T, long>(values), _page);
                break;
            case Encoding.ByteStreamSplit:
                ByteStreamSplit.Encode(MemoryMarshal.AsBytes(values.AsSpan()), System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), _page);
                break;
            default:
                throw new NotSupportedException($"Encoding {encoding} cannot be written for {typeof(T).Name} values.");
        }
    }

    private void EncodeBinary(BinaryColumn column, ReadOnlySpan<int> rows, Encoding encoding)
    {
        switch (encoding)
        {
            case Encoding.Plain:
                EncodeBinaryPlain(column, column.Values, rows);
                break;
            case Encoding.DeltaLengthByteArray when column.Descriptor.PhysicalType == PhysicalType.ByteArray:
                DeltaLengthByteArray.Encode(column.Values, rows, _page);
                break;
            case Encoding.DeltaByteArray:
                DeltaByteArray.Encode(column.Values, rows, _page);
                break;
            case Encoding.ByteStreamSplit when column.Descriptor.PhysicalType == PhysicalType.FixedLenByteArray:
                var joined = new byte[rows.Length * column.Descriptor.TypeLength];
                for (var i = 0; i < rows.Length; i++) column.GetBytes(rows[i]).CopyTo(joined.AsSpan(i * column.Descriptor.TypeLength));
                ByteStreamSplit.Encode(joined, column.Descriptor.TypeLength, _page);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}': encoding {encoding} cannot be written for {column.Descriptor.PhysicalType}.");
        }
    }

    private void EncodeBinaryPlain(Column column, ByteArrayBuffer values, ReadOnlySpan<int> rows)
    {
        if (column.Descriptor.PhysicalType == PhysicalType.ByteArray) PlainEncoding.EncodeByteArrays(values, rows, _page);
        else PlainEncoding.EncodeFixedLenByteArrays(values, rows, _page);
    }

    private void EncodeRleBooleans(PrimitiveColumn<bool> column, ReadOnlySpan<int> rows)
    {
        var bits = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) bits[i] = column.Values[rows[i]] ? 1 : 0;
        var runs = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode(bits, 1, runs);
        BinaryPrimitives.WriteInt32LittleEndian(_page.GetSpan(4), runs.WrittenCount);
        _page.Advance(4);
        _page.Write(runs.WrittenSpan);
    }

    private static T[] Gather<T>(PrimitiveColumn<T> column, ReadOnlySpan<int> rows) where T : unmanaged
    {
        var values = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++) values[i] = column.Values[rows[i]];
        return values;
    }
}
