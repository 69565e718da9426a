namespace Mesa.GeoParquet.Schema;

/// <summary>A flat schema: an ordered list of leaf columns with unique names.</summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, int> _indexByName;

    public ParquetSchema(IEnumerable<ColumnDescriptor> columns)
    {
        Columns = columns.ToArray();
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (!_indexByName.TryAdd(Columns[i].Name, i))
                throw new ArgumentException($"Column '{Columns[i].Name}' appears twice in the schema.");
        }
    }

    public ParquetSchema(params ColumnDescriptor[] columns) : this((IEnumerable<ColumnDescriptor>)columns) { }

    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    public ColumnDescriptor this[string name] => Columns[IndexOf(name)];

    /// <summary>Index of the column, or -1.</summary>
    public int TryIndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    public int IndexOf(string name) => TryIndexOf(name) is var i and >= 0
        ? i
        : throw new KeyNotFoundException($"No column named '{name}'.");
}
