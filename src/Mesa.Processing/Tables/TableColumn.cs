using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tables;

/// <summary>One column of a table written by <see cref="TableWriter{TRow}"/>: its Parquet type and how to fill it from rows.</summary>
public sealed class TableColumn<TRow>
{
    private readonly Func<IReadOnlyList<TRow>, Column> _build;

    private TableColumn(ColumnDescriptor descriptor, Func<IReadOnlyList<TRow>, Column> build)
    {
        Descriptor = descriptor;
        _build = build;
    }

    public ColumnDescriptor Descriptor { get; }

    public string Name => Descriptor.Name;

    /// <summary>The column's values for a batch of rows.</summary>
    public Column Build(IReadOnlyList<TRow> rows) => _build(rows);

    public static TableColumn<TRow> Int64(string name, Func<TRow, long?> value) =>
        Primitive(ColumnDescriptor.Int64(name), value);

    public static TableColumn<TRow> Int32(string name, Func<TRow, int?> value) =>
        Primitive(ColumnDescriptor.Int32(name), value);

    public static TableColumn<TRow> Double(string name, Func<TRow, double?> value) =>
        Primitive(ColumnDescriptor.Double(name), value);

    public static TableColumn<TRow> Boolean(string name, Func<TRow, bool?> value) =>
        Primitive(ColumnDescriptor.Boolean(name), value);

    /// <summary>A column of any fixed-width type, e.g. a timestamp descriptor over int64 values.</summary>
    public static TableColumn<TRow> Primitive<T>(ColumnDescriptor descriptor, Func<TRow, T?> value) where T : unmanaged =>
        new(descriptor, rows =>
        {
            var values = new T[rows.Count];
            bool[]? defined = null;
            for (var i = 0; i < rows.Count; i++)
            {
                if (value(rows[i]) is { } v)
                {
                    values[i] = v;
                    continue;
                }
                defined ??= Enumerable.Repeat(true, rows.Count).ToArray();
                defined[i] = false;
            }
            return new PrimitiveColumn<T>(descriptor, values, defined);
        });

    public static TableColumn<TRow> Text(string name, Func<TRow, string?> value)
    {
        var descriptor = ColumnDescriptor.String(name);
        return new(descriptor, rows => BinaryColumn.FromStrings(descriptor, new Projection<string?>(rows, value)));
    }

    /// <summary>A WKB geometry column encoded from NTS geometries (null stays null).</summary>
    public static TableColumn<TRow> Geometry(string name, Func<TRow, Geometry?> value)
    {
        var descriptor = ColumnDescriptor.Binary(name);
        return new(descriptor, rows => GeoParquetWriter.ToWkbColumn(descriptor, new Projection<Geometry?>(rows, value)));
    }

    /// <summary>A WKB geometry column from bytes that are already WKB (e.g. passed through from an input table).</summary>
    public static TableColumn<TRow> Wkb(string name, Func<TRow, byte[]?> value)
    {
        var descriptor = ColumnDescriptor.Binary(name);
        return new(descriptor, rows =>
        {
            var buffer = new ByteArrayBuffer(rows.Count, rows.Count * 128);
            bool[]? defined = null;
            for (var i = 0; i < rows.Count; i++)
            {
                if (value(rows[i]) is { } wkb)
                {
                    buffer.Add(wkb);
                    continue;
                }
                defined ??= Enumerable.Repeat(true, rows.Count).ToArray();
                defined[i] = false;
                buffer.Reserve(0);
            }
            return new BinaryColumn(descriptor, buffer, defined);
        });
    }

    // The rows' values, each taken where it is read: an array of them was one more copy of every text column.
    private sealed class Projection<TValue>(IReadOnlyList<TRow> rows, Func<TRow, TValue> value) : IReadOnlyList<TValue>
    {
        public TValue this[int index] => value(rows[index]);

        public int Count => rows.Count;

        public IEnumerator<TValue> GetEnumerator()
        {
            for (var i = 0; i < rows.Count; i++) yield return value(rows[i]);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
