using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using ParquetSharp.Schema;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Reads a Parquet file one row group at a time through ParquetSharp (Apache Arrow's Parquet): the
/// footer is parsed once, then each <see cref="ReadRowGroup"/> decodes only the requested columns of
/// one row group, so memory follows the row group size, not the file size. Row groups may be read
/// from several threads. Flat columns are read as they are; a GeoArrow-encoded geometry column
/// (GeoParquet 1.1 native encodings) is read as WKB, so callers see one kind of geometry column.
/// Every failure, including those raised by the native library, is a <see cref="ParquetFormatException"/>
/// whose message starts with the file name.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private readonly Native.ParquetFileReader _file;
    private readonly Native.FileMetaData _metadata;
    private readonly ParquetReaderOptions _options;
    private readonly ColumnSource[] _sources;
    private readonly long[] _rowGroupRows;

    private ParquetReader(Func<Native.ParquetFileReader> open, string name, ParquetReaderOptions? options)
    {
        _options = options ?? ParquetReaderOptions.Default;
        Name = name;
        _file = Translate(open, "cannot read the footer");
        try
        {
            _metadata = _file.FileMetaData;
            (NumRows, RowGroupCount, CreatedBy) = (_metadata.NumRows, _metadata.NumRowGroups, _metadata.CreatedBy);
            KeyValueMetadata = _metadata.KeyValueMetadata.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
            _rowGroupRows = Translate(ReadRowGroupRows, "cannot read the row groups");
            _sources = Translate(ReadSchema, "cannot read the schema");
            Schema = BuildSchema(_sources);
            GeoArrowColumns = _sources.Where(c => c.GeoArrow is not null).Select(c => c.Descriptor.Name).ToHashSet(StringComparer.Ordinal);
            ValidateRowGroups();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public static ParquetReader Open(string path, ParquetReaderOptions? options = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            CheckLeadingMagic(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParquetFormatException($"{path}: cannot open: {e.Message}", e);
        }
        return new ParquetReader(() => new Native.ParquetFileReader(path), path, options);
    }

    /// <param name="stream">A seekable stream.</param>
    /// <param name="name">Used in error messages, e.g. the file name inside an upload.</param>
    public static ParquetReader Open(Stream stream, string name, bool leaveOpen = false, ParquetReaderOptions? options = null)
    {
        try
        {
            CheckLeadingMagic(stream, name);
            return new ParquetReader(() => new Native.ParquetFileReader(stream, leaveOpen), name, options);
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>File name or caller-given name; prefixes every error message.</summary>
    public string Name { get; }

    public ParquetSchema Schema { get; }

    public long NumRows { get; }

    public int RowGroupCount { get; }

    /// <summary>The footer's created_by (the writing library and version).</summary>
    public string CreatedBy { get; }

    /// <summary>Geometry columns stored in a GeoArrow encoding (nested lists), which this reader delivers as WKB.</summary>
    public IReadOnlySet<string> GeoArrowColumns { get; }

    /// <summary>Footer key/value metadata (e.g. "geo"); the last value wins for repeated keys.</summary>
    public IReadOnlyDictionary<string, string?> KeyValueMetadata { get; }

    public long RowGroupRowCount(int rowGroup) => _rowGroupRows[rowGroup];

    /// <summary>How one column is stored in each row group: codec and encodings of its chunks (several leaves for a GeoArrow column).</summary>
    public IReadOnlyList<ColumnChunkInfo> ColumnChunks(int column) => Translate(() =>
    {
        var chunks = new List<ColumnChunkInfo>();
        for (var rg = 0; rg < RowGroupCount; rg++)
        {
            using var group = _file.RowGroup(rg);
            var metadata = group.MetaData;
            foreach (var leaf in _sources[column].Leaves)
            {
                using var chunk = metadata.GetColumnChunkMetaData(leaf);
                using var statistics = chunk.IsStatsSet ? chunk.Statistics : null;
                // Byte-string bounds point into native memory; only fixed-width ones are copied out.
                var bounds = statistics is { HasMinMax: true, PhysicalType: not (Native.PhysicalType.ByteArray or Native.PhysicalType.FixedLenByteArray) };
                chunks.Add(new ColumnChunkInfo(
                    CodecMapping.FromNative(chunk.Compression),
                    chunk.Encodings.Select(CodecMapping.FromNative).ToArray(),
                    statistics?.NullCount,
                    bounds ? statistics!.MinUntyped : null,
                    bounds ? statistics!.MaxUntyped : null));
            }
        }
        return chunks;
    }, $"column '{Schema.Columns[column].Name}'");

    /// <summary>Decodes the given columns (all when null) of one row group.</summary>
    /// <param name="threads">Columns are decoded side by side on up to this many threads; a failure is the first column's, as one by one.</param>
    public RowBatch ReadRowGroup(int rowGroup, IReadOnlyList<string>? columns = null, int threads = 1)
    {
        if ((uint)rowGroup >= (uint)RowGroupCount)
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"{Name} has {RowGroupCount} row groups.");
        var indexes = ResolveColumns(columns);
        var decoded = new Column[indexes.Length];
        using var group = Translate(() => _file.RowGroup(rowGroup), $"row group {rowGroup}");
        var rows = checked((int)RowGroupRowCount(rowGroup));
        InOrderParallel.For(indexes.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => decoded[i] = ReadColumn(group, rowGroup, rows, indexes[i]));
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
        using var group = Translate(() => _file.RowGroup(rowGroup), $"row group {rowGroup}");
        return ReadColumn(group, rowGroup, checked((int)RowGroupRowCount(rowGroup)), column);
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _file.Dispose();
    }

    private Column ReadColumn(Native.RowGroupReader group, int rowGroup, int rows, int column)
    {
        var source = _sources[column];
        var descriptor = Schema.Columns[column];
        return Translate(() => source.GeoArrow is { } layout
            ? GeoArrowColumnReader.Read(group, descriptor, layout, rows)
            : ColumnChunkReader.Read(group, source.Leaves[0], descriptor, rows), $"column '{descriptor.Name}', row group {rowGroup}");
    }

    private int[] ResolveColumns(IReadOnlyList<string>? columns)
    {
        if (columns is null) return Enumerable.Range(0, Schema.Columns.Count).ToArray();
        return columns.Select(c => Schema.TryIndexOf(c) is var i and >= 0
            ? i
            : throw new ParquetFormatException($"{Name}: no column named '{c}' (columns: {string.Join(", ", Schema.Columns.Select(x => x.Name))}).")).ToArray();
    }

    private long[] ReadRowGroupRows()
    {
        var rows = new long[RowGroupCount];
        for (var rg = 0; rg < rows.Length; rg++)
        {
            using var group = _file.RowGroup(rg);
            var metadata = group.MetaData;
            rows[rg] = metadata.NumRows;
        }
        return rows;
    }

    /// <summary>One entry per top-level field: a flat leaf, or the leaves of a GeoArrow geometry.</summary>
    private ColumnSource[] ReadSchema()
    {
        var schema = _metadata.Schema;
        using var root = schema.GroupNode;
        var geoArrow = GeoArrowEncodings();
        var sources = new ColumnSource[root.FieldCount];
        var leaf = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            using var field = root.Field(i);
            var declared = geoArrow.TryGetValue(field.Name, out var encoding);
            if (field is PrimitiveNode primitive)
            {
                sources[i] = new ColumnSource(SchemaMapping.FromPrimitiveNode(primitive, Name), [leaf++], null);
                continue;
            }
            var count = LeafCount(field);
            if (!declared)
                throw new ParquetFormatException($"{Name}: column '{field.Name}' is a nested group (struct, list or map); only flat columns and GeoArrow-encoded geometry columns are supported.");
            var leaves = Enumerable.Range(leaf, count).ToArray();
            sources[i] = new ColumnSource(ColumnDescriptor.Binary(field.Name), leaves, GeoArrowColumnReader.Layout(schema, leaves, field.Name, encoding, Name));
            leaf += count;
        }
        return sources;
    }

    /// <summary>Geometry columns that the "geo" metadata declares in a GeoArrow encoding.</summary>
    private Dictionary<string, GeoArrowEncoding> GeoArrowEncodings()
    {
        var result = new Dictionary<string, GeoArrowEncoding>(StringComparer.Ordinal);
        if (!KeyValueMetadata.TryGetValue(GeoMetadata.Key, out var json) || json is null) return result;
        GeoMetadata geo;
        try
        {
            geo = GeoMetadata.Parse(json, Name);
        }
        catch (ParquetFormatException)
        {
            // Unreadable metadata is reported by whoever asks for it (GeoParquetFile.ReadMetadata); here it declares no GeoArrow column.
            return result;
        }
        foreach (var column in geo.Columns.Values)
        {
            if (GeoArrowEncodingNames.TryParse(column.Encoding) is { } encoding) result[column.Name] = encoding;
        }
        return result;
    }

    private static int LeafCount(Node node)
    {
        if (node is not GroupNode group) return 1;
        var count = 0;
        for (var i = 0; i < group.FieldCount; i++)
        {
            using var child = group.Field(i);
            count += LeafCount(child);
        }
        return count;
    }

    private ParquetSchema BuildSchema(ColumnSource[] sources)
    {
        try
        {
            return new ParquetSchema(sources.Select(s => s.Descriptor));
        }
        catch (ArgumentException e)
        {
            throw new ParquetFormatException($"{Name}: {e.Message}", e);
        }
    }

    private void ValidateRowGroups()
    {
        long total = 0;
        for (var rg = 0; rg < RowGroupCount; rg++)
        {
            var rows = RowGroupRowCount(rg);
            if (rows < 0 || rows > _options.MaxRowsPerRowGroup)
                throw new ParquetFormatException($"{Name}: row group {rg} claims {rows} rows (limit {_options.MaxRowsPerRowGroup}).");
            total += rows;
        }
        if (total != NumRows)
            throw new ParquetFormatException($"{Name}: the footer says {NumRows} rows but the row groups hold {total}.");
    }

    /// <summary>Arrow checks only the trailing "PAR1"; a file that does not start with it is not Parquet either.</summary>
    private static void CheckLeadingMagic(Stream stream, string name)
    {
        Span<byte> head = stackalloc byte[4];
        var start = stream.Position;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read == head.Length && !head.SequenceEqual("PAR1"u8))
            throw new ParquetFormatException($"{name}: not a Parquet file: missing 'PAR1' magic at the start.");
    }

    /// <summary>Runs a call into ParquetSharp, naming the file (and the given place) in whatever it throws.</summary>
    private T Translate<T>(Func<T> call, string where)
    {
        try
        {
            return call();
        }
        catch (ParquetFormatException e) when (!e.Message.StartsWith(Name, StringComparison.Ordinal))
        {
            throw new ParquetFormatException($"{Name}: {where}: {e.Message}", e);
        }
        // ParquetSharp raises ParquetException for what the native library rejects, and argument or
        // cast errors when it meets metadata it cannot map (an unknown logical or physical type).
        catch (Exception e) when (e is Native.ParquetException or IOException or UnauthorizedAccessException or OverflowException
                                      or ArgumentException or InvalidCastException or InvalidOperationException or NotSupportedException)
        {
            throw new ParquetFormatException($"{Name}: {where}: {NativeMessage(e)}", e);
        }
    }

    /// <summary>The native text without ParquetSharp's wrapper ("N7parquet16ParquetExceptionE (message: '...')").</summary>
    private static string NativeMessage(Exception e)
    {
        var text = e.Message;
        const string open = "(message: '";
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start >= 0 && text.EndsWith("')", StringComparison.Ordinal)) text = text[(start + open.Length)..^2];
        return text.Split('\n', 2)[0].Trim();
    }

    private sealed record ColumnSource(ColumnDescriptor Descriptor, int[] Leaves, GeoArrowLayout? GeoArrow);
}
