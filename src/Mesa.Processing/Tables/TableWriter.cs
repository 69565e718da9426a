using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Writing;

namespace Mesa.Processing.Tables;

/// <summary>
/// Writes rows of <typeparamref name="TRow"/> to a Parquet file one row group at a time, so memory
/// follows the row-group size and not the table size. A table with a <c>geometry</c> column is
/// written as GeoParquet (EPSG:4326 "geo" metadata); any other as plain Parquet.
/// </summary>
public sealed class TableWriter<TRow> : IDisposable
{
    private readonly IReadOnlyList<TableColumn<TRow>> _columns;
    private readonly ParquetSchema _schema;
    private readonly GeoParquetWriter? _geoWriter;
    private readonly ParquetWriter? _plainWriter;
    private readonly int _rowsPerGroup;
    private readonly int _threads;
    private readonly List<TRow> _pending = [];
    private bool _wroteAny;

    /// <param name="threads">Cores a row group's columns are built on.</param>
    public TableWriter(string path, IReadOnlyList<TableColumn<TRow>> columns, ParquetWriterOptions? options = null, int threads = 1)
    {
        options ??= ParquetWriterOptions.Default;
        _columns = columns;
        _threads = threads;
        _rowsPerGroup = options.MaxRowsPerRowGroup;
        _schema = new ParquetSchema(columns.Select(c => c.Descriptor));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (_schema.TryIndexOf("geometry") >= 0) _geoWriter = GeoParquetWriter.Create(path, _schema, options: options);
        else _plainWriter = ParquetWriter.Create(path, _schema, options);
    }

    public long RowCount { get; private set; }

    /// <summary>Writes every row of <paramref name="rows"/> to a new file at <paramref name="path"/>.</summary>
    public static long WriteAll(string path, IReadOnlyList<TableColumn<TRow>> columns, IEnumerable<TRow> rows, ParquetWriterOptions? options = null)
    {
        using var writer = new TableWriter<TRow>(path, columns, options);
        foreach (var row in rows) writer.Add(row);
        return writer.RowCount;
    }

    public void Add(TRow row)
    {
        _pending.Add(row);
        RowCount++;
        if (_pending.Count >= _rowsPerGroup) Flush();
    }

    public void Dispose()
    {
        // An empty table still gets one (empty) row group so every reader sees its schema the same way.
        if (_pending.Count > 0 || !_wroteAny) Flush();
        _geoWriter?.Dispose();
        _plainWriter?.Dispose();
    }

    // The columns are built from the rows in parallel: a job's last row group of tbl_flat is written with nothing
    // running beside it (tbl_stacked's, beside flatten).
    private void Flush()
    {
        var columns = new Column[_columns.Count];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i => columns[i] = _columns[i].Build(_pending));
        var batch = new RowBatch(_schema, columns);
        if (_geoWriter is not null) _geoWriter.WriteRowGroup(batch);
        else _plainWriter!.WriteRowGroup(batch);
        _pending.Clear();
        _wroteAny = true;
    }
}
