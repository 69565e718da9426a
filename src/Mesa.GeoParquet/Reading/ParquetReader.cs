using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Thrift;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Reads a flat Parquet file one row group at a time: the footer is parsed once, then each
/// <see cref="ReadRowGroup"/> decodes only the requested columns of one row group, so memory
/// follows the row group size, not the file size. Row groups may be read from several threads.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;
    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    private readonly RandomAccessSource _source;
    private readonly ParquetReaderOptions _options;
    private readonly long _dataEnd;

    private ParquetReader(RandomAccessSource source, string name, ParquetReaderOptions? options)
    {
        _source = source;
        _options = options ?? ParquetReaderOptions.Default;
        Name = name;
        try
        {
            (Metadata, _dataEnd) = ReadFooter();
            Schema = SchemaMapping.FromElements(Metadata.Schema, Name);
            ValidateRowGroups();
            KeyValueMetadata = (Metadata.KeyValueMetadata ?? [])
                .GroupBy(kv => kv.Key)
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public static ParquetReader Open(string path, ParquetReaderOptions? options = null)
    {
        RandomAccessSource source;
        try
        {
            source = RandomAccessSource.ForFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParquetFormatException($"{path}: cannot open: {e.Message}", e);
        }
        return new ParquetReader(source, path, options);
    }

    /// <param name="stream">A seekable stream.</param>
    /// <param name="name">Used in error messages, e.g. the file name inside an upload.</param>
    public static ParquetReader Open(Stream stream, string name, bool leaveOpen = false, ParquetReaderOptions? options = null) =>
        new(RandomAccessSource.ForStream(stream, leaveOpen), name, options);

    /// <summary>File name or caller-given name; prefixes every error message.</summary>
    public string Name { get; }

    public FileMetaData Metadata { get; }

    public ParquetSchema Schema { get; }

    public long NumRows => Metadata.NumRows;

    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>Footer key/value metadata (e.g. "geo"); the last value wins for repeated keys.</summary>
    public IReadOnlyDictionary<string, string?> KeyValueMetadata { get; }

    public long RowGroupRowCount(int rowGroup) => Metadata.RowGroups[rowGroup].NumRows;

    /// <summary>Decodes the given columns (all when null) of one row group.</summary>
    /// <param name="threads">Columns are decoded side by side on up to this many threads; a failure is the first column's, as one by one.</param>
    public RowBatch ReadRowGroup(int rowGroup, IReadOnlyList<string>? columns = null, int threads = 1)
    {
        if ((uint)rowGroup >= (uint)RowGroupCount)
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"{Name} has {RowGroupCount} row groups.");
        var indexes = ResolveColumns(columns);
        var decoded = new Column[indexes.Length];
        InOrderParallel.For(indexes.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => decoded[i] = ReadColumn(rowGroup, indexes[i]));
        return new RowBatch(new ParquetSchema(indexes.Select(i => Schema.Columns[i])), decoded);
    }

    /// <summary>Row groups in file order, each decoded when the enumeration reaches it.</summary>
    public IEnumerable<RowBatch> ReadRowGroups(IReadOnlyList<string>? columns = null)
    {
        ResolveColumns(columns);
        return new RowGroupSequence(this, columns);
    }

    /// <summary>Decodes one column chunk.</summary>
    public Column ReadColumn(int rowGroup, int column)
    {
        var descriptor = Schema.Columns[column];
        var group = Metadata.RowGroups[rowGroup];
        var chunk = group.Columns[column];
        var meta = chunk.MetaData!;
        var (start, length) = ChunkExtent(meta, descriptor.Name, rowGroup);
        using var pages = new ColumnChunkPages(_source, start, length);
        var context = $"{Name}: column '{descriptor.Name}', row group {rowGroup}";
        return ColumnChunkDecoder.Decode(pages, descriptor, meta, (int)group.NumRows, _options, context);
    }

    public void Dispose() => _source.Dispose();

    private int[] ResolveColumns(IReadOnlyList<string>? columns)
    {
        if (columns is null) return Enumerable.Range(0, Schema.Columns.Count).ToArray();
        return columns.Select(c => Schema.TryIndexOf(c) is var i and >= 0
            ? i
            : throw new ParquetFormatException($"{Name}: no column named '{c}' (columns: {string.Join(", ", Schema.Columns.Select(x => x.Name))}).")).ToArray();
    }

    private (FileMetaData, long) ReadFooter()
    {
        var length = _source.Length;
        if (length < 12)
            throw new ParquetFormatException($"{Name}: not a Parquet file: {length} bytes is too short (truncated or empty?).");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        _source.ReadExactly(0, head);
        _source.ReadExactly(length - 8, tail);
        if (tail[4..].SequenceEqual(EncryptedMagic))
            throw new ParquetFormatException($"{Name}: the file uses Parquet encryption, which is not supported.");
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
            throw new ParquetFormatException($"{Name}: not a Parquet file: missing 'PAR1' magic at the {(head.SequenceEqual(Magic) ? "end (truncated?)" : "start")}.");
        var footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength > length - 12)
            throw new ParquetFormatException($"{Name}: footer length {footerLength} exceeds the file size {length}.");
        if (footerLength > _options.MaxFooterBytes)
            throw new ParquetFormatException($"{Name}: footer of {footerLength} bytes exceeds the {_options.MaxFooterBytes}-byte limit.");
        var footer = new byte[footerLength];
        var footerStart = length - 8 - footerLength;
        _source.ReadExactly(footerStart, footer);
        try
        {
            return (ParquetThrift.ReadFileMetaData(footer), footerStart);
        }
        catch (ParquetFormatException e)
        {
            throw new ParquetFormatException($"{Name}: corrupt footer: {e.Message}", e);
        }
    }

    private void ValidateRowGroups()
    {
        long total = 0;
        for (var rg = 0; rg < RowGroupCount; rg++)
        {
            var group = Metadata.RowGroups[rg];
            if (group.NumRows < 0 || group.NumRows > _options.MaxRowsPerRowGroup)
                throw new ParquetFormatException($"{Name}: row group {rg} claims {group.NumRows} rows (limit {_options.MaxRowsPerRowGroup}).");
            if (group.Columns.Count != Schema.Columns.Count)
                throw new ParquetFormatException($"{Name}: row group {rg} has {group.Columns.Count} column chunks; the schema has {Schema.Columns.Count} columns.");
            for (var c = 0; c < group.Columns.Count; c++)
            {
                var chunk = group.Columns[c];
                var name = Schema.Columns[c].Name;
                if (chunk.FilePath is not null)
                    throw new ParquetFormatException($"{Name}: column '{name}', row group {rg} lives in another file ('{chunk.FilePath}'); external column chunks are not supported.");
                var meta = chunk.MetaData
                    ?? throw new ParquetFormatException($"{Name}: column '{name}', row group {rg} has no column metadata.");
                if (meta.Type != Schema.Columns[c].PhysicalType)
                    throw new ParquetFormatException($"{Name}: column '{name}', row group {rg} is stored as {meta.Type} but the schema says {Schema.Columns[c].PhysicalType}.");
                if (meta.NumValues != group.NumRows)
                    throw new ParquetFormatException($"{Name}: column '{name}', row group {rg} has {meta.NumValues} values for {group.NumRows} rows.");
                ChunkExtent(meta, name, rg);
            }
            total += group.NumRows;
        }
        if (total != Metadata.NumRows)
            throw new ParquetFormatException($"{Name}: the footer says {Metadata.NumRows} rows but the row groups hold {total}.");
    }

    private (long Start, int Length) ChunkExtent(ColumnMetaData meta, string column, int rowGroup)
    {
        // Some writers leave dictionary_page_offset at 0 or point data_page_offset at the
        // dictionary page; the chunk starts at whichever valid offset comes first.
        var start = meta.DictionaryPageOffset is long d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
        var length = meta.TotalCompressedSize;
        if (start < 4 || length <= 0 || length > int.MaxValue || start + length > _dataEnd)
            throw new ParquetFormatException($"{Name}: column '{column}', row group {rowGroup}: chunk at byte {start} of {length} bytes lies outside the data area (0..{_dataEnd}).");
        return (start, (int)length);
    }
}
