using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>Columns of equal length under a schema: one row group read, or rows to write.</summary>
public sealed class RowBatch
{
    public RowBatch(ParquetSchema schema, IReadOnlyList<Column> columns)
    {
        if (columns.Count != schema.Columns.Count)
            throw new ArgumentException($"Batch has {columns.Count} columns; the schema has {schema.Columns.Count}.");
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Descriptor != schema.Columns[i])
                throw new ArgumentException($"Column {i} is '{columns[i].Name}' ({columns[i].Descriptor.PhysicalType}); the schema expects '{schema.Columns[i].Name}' ({schema.Columns[i].PhysicalType}).");
            if (columns[i].Length != rows)
                throw new ArgumentException($"Column '{columns[i].Name}' has {columns[i].Length} rows; column '{columns[0].Name}' has {rows}.");
        }
        Schema = schema;
        Columns = columns;
        RowCount = rows;
    }

    public ParquetSchema Schema { get; }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    public Column this[string name] => Columns[Schema.IndexOf(name)];

    public Column this[int index] => Columns[index];
}
