using System.Buffers;
using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Thrift;

namespace Mesa.GeoParquet.Writing;

/// <summary>
/// Writes a flat Parquet file batch by batch: each <see cref="WriteRowGroup"/> encodes and
/// flushes its row group(s) immediately, so memory follows the batch size, not the file size.
/// The footer (schema, row groups, key/value metadata) is written by <see cref="Dispose"/>.
/// </summary>
public sealed class ParquetWriter : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnChunkWriter _chunkWriter;
    private readonly List<RowGroup> _rowGroups = [];
    private readonly Dictionary<string, string> _keyValues = new(StringComparer.Ordinal);
    private long _position;
    private long _rows;
    private bool _closed;

    public ParquetWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _options = options ?? ParquetWriterOptions.Default;
        Schema = schema;
        _chunkWriter = new ColumnChunkWriter(_options);
        Write(Magic);
    }

    /// <summary>Creates (or replaces) a file.</summary>
    public static ParquetWriter Create(string path, ParquetSchema schema, ParquetWriterOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), schema, options);

    public ParquetSchema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount => _rows;

    /// <summary>Sets a footer key/value entry (e.g. "geo"); may be called until the writer is disposed.</summary>
    public void SetKeyValue(string key, string value) => _keyValues[key] = value;

    /// <summary>Writes the batch as one row group, or several when it exceeds MaxRowsPerRowGroup.</summary>
    public void WriteRowGroup(RowBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (batch.Columns.Count != Schema.Columns.Count || batch.Columns.Where((c, i) => c.Descriptor != Schema.Columns[i]).Any())
            throw new ArgumentException("The batch's columns do not match the writer's schema.");
        for (var start = 0; start < batch.RowCount || (start == 0 && batch.RowCount == 0 && _rowGroups.Count == 0); start += _options.MaxRowsPerRowGroup)
        {
            WriteRowGroup(batch, start, Math.Min(batch.RowCount, start + _options.MaxRowsPerRowGroup));
            if (batch.RowCount == 0) break;
        }
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            WriteFooter();
            _output.Flush();
        }
        finally
        {
            if (!_leaveOpen) _output.Dispose();
        }
    }

    private void WriteRowGroup(RowBatch batch, int start, int end)
    {
        var group = new RowGroup { NumRows = end - start, FileOffset = _position, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        long uncompressed = 0;
        foreach (var column in batch.Columns)
        {
            var meta = _chunkWriter.Write(column, start, end);
            var chunkStart = _position;
            meta.DataPageOffset += chunkStart;
            if (meta.DictionaryPageOffset is { } d) meta.DictionaryPageOffset = d + chunkStart;
            Write(_chunkWriter.Bytes);
            group.Columns.Add(new ColumnChunk { FileOffset = chunkStart, MetaData = meta });
            uncompressed += meta.TotalUncompressedSize;
        }
        group.TotalByteSize = uncompressed;
        group.TotalCompressedSize = _position - group.FileOffset;
        _rowGroups.Add(group);
        _rows += end - start;
    }

    private void WriteFooter()
    {
        var metadata = new FileMetaData
        {
            Version = 2,
            Schema = SchemaMapping.ToElements(Schema),
            NumRows = _rows,
            RowGroups = _rowGroups,
            KeyValueMetadata = _keyValues.Count == 0 ? null : _keyValues.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList(),
            CreatedBy = _options.CreatedBy,
            // TYPE_ORDER tells readers that min/max statistics follow the logical type's order.
            ColumnOrders = Schema.Columns.Select(_ => 1).ToList(),
        };
        var footer = new ArrayBufferWriter<byte>(4096);
        ParquetThrift.WriteFileMetaData(metadata, footer);
        Write(footer.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.WrittenCount);
        Write(length);
        Write(Magic);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }
}
