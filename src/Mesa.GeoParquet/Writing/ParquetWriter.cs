using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Schema;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Writing;

/// <summary>
/// Writes a flat Parquet file batch by batch through ParquetSharp (Apache Arrow's Parquet): each
/// <see cref="WriteRowGroup"/> encodes and flushes its row group(s) immediately, so memory follows the
/// batch size, not the file size. The footer (schema, row groups, key/value metadata) is written by <see cref="Dispose"/>.
/// </summary>
public sealed class ParquetWriter : IDisposable
{
    private readonly ParquetWriterOptions _options;
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private Native.ParquetFileWriter? _file;
    // ParquetSharp reads this dictionary when the file is closed, so entries set until then are written.
    private readonly Dictionary<string, string> _keyValues = new(StringComparer.Ordinal);
    private int _rowGroups;
    private bool _closed;

    public ParquetWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        _options = options ?? ParquetWriterOptions.Default;
        _output = output;
        _leaveOpen = leaveOpen;
        Schema = schema;
    }

    /// <summary>Creates (or replaces) a file.</summary>
    public static ParquetWriter Create(string path, ParquetSchema schema, ParquetWriterOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), schema, options);

    public ParquetSchema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Sets a footer key/value entry (e.g. "geo"); may be called until the writer is disposed.</summary>
    public void SetKeyValue(string key, string value) => _keyValues[key] = value;

    /// <summary>Writes the batch as one row group, or several when it exceeds MaxRowsPerRowGroup.</summary>
    public void WriteRowGroup(RowBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (batch.Columns.Count != Schema.Columns.Count || batch.Columns.Where((c, i) => c.Descriptor != Schema.Columns[i]).Any())
            throw new ArgumentException("The batch's columns do not match the writer's schema.");
        Open(batch);
        for (var start = 0; start < batch.RowCount || (start == 0 && batch.RowCount == 0 && _rowGroups == 0); start += _options.MaxRowsPerRowGroup)
        {
            WriteRowGroup(batch, start, Math.Min(batch.RowCount, start + _options.MaxRowsPerRowGroup));
            if (batch.RowCount == 0) break;
        }
    }

    public void Dispose()
    {
        if (_closed) return;
        var file = Open(null);
        _closed = true;
        try
        {
            file.Close();
        }
        finally
        {
            file.Dispose();
        }
    }

    /// <summary>Starts the file on the first batch, whose values decide which byte-string columns get a dictionary.</summary>
    private Native.ParquetFileWriter Open(RowBatch? first)
    {
        if (_file is not null) return _file;
        try
        {
            using var root = SchemaMapping.ToGroupNode(Schema);
            using var properties = WriterPropertiesFor(Schema, _options, first);
            return _file = new Native.ParquetFileWriter(_output, root, properties, _keyValues, _leaveOpen);
        }
        catch
        {
            if (!_leaveOpen) _output.Dispose();
            throw;
        }
    }

    private void WriteRowGroup(RowBatch batch, int start, int end)
    {
        using var group = Open(batch).AppendRowGroup();
        foreach (var column in batch.Columns)
        {
            using var writer = group.NextColumn();
            ColumnChunkWriter.Write(writer, column, start, end);
        }
        group.Close();
        _rowGroups++;
        RowCount += end - start;
    }

    private static Native.WriterProperties WriterPropertiesFor(ParquetSchema schema, ParquetWriterOptions options, RowBatch? first)
    {
        using var builder = new Native.WriterPropertiesBuilder();
        builder.Compression(Format.CodecMapping.ToNative(options.Codec))
            .DataPagesize(options.TargetPageBytes)
            .DataPageVersion(options.UseDataPageV2 ? Native.ParquetDataPageVersion.V2 : Native.ParquetDataPageVersion.V1)
            .DictionaryPagesizeLimit(options.MaxDictionaryBytes)
            .MaxRowGroupLength(options.MaxRowsPerRowGroup)
            .CreatedBy(options.CreatedBy)
            .DisableDictionary();
        if (options.CompressionLevel is { } level) builder.CompressionLevel(level);
        else if (options.Codec == Format.CompressionCodec.Zstd) builder.CompressionLevel(ParquetWriterOptions.DefaultZstdLevel);
        if (options.WriteStatistics) builder.EnableStatistics();
        else builder.DisableStatistics();
        foreach (var column in schema.Columns)
        {
            switch (options.EncodingOverride?.Invoke(column))
            {
                case Format.Encoding.RleDictionary or Format.Encoding.PlainDictionary:
                    builder.EnableDictionary(column.Name);
                    break;
                case { } encoding:
                    builder.Encoding(column.Name, Format.CodecMapping.ToNative(encoding));
                    break;
                // Byte strings often repeat (categories, codes); numbers and mostly distinct strings gain nothing from a dictionary.
                case null when options.UseDictionary && column.PhysicalType == Format.PhysicalType.ByteArray
                               && (first is null || Repetitive((BinaryColumn)first[schema.IndexOf(column.Name)])):
                    builder.EnableDictionary(column.Name);
                    break;
            }
        }
        return builder.Build();
    }

    /// <summary>False once, after 1,000 values or more, over half of the values seen are distinct.</summary>
    private static bool Repetitive(BinaryColumn column)
    {
        const int sample = 20_000;
        var distinct = new HashSet<int>();
        var seen = 0;
        for (var row = 0; row < column.Length && seen < sample; row++)
        {
            if (column.IsNull(row)) continue;
            var hash = new HashCode();
            hash.AddBytes(column.GetBytes(row));
            distinct.Add(hash.ToHashCode());
            if (++seen >= 1000 && distinct.Count > seen / 2) return false;
        }
        return true;
    }
}
