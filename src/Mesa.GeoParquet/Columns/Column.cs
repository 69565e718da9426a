using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>
/// The values of one column for a run of rows (one row group, or a batch being written).
/// Storage is dense: row i is slot i; a null row holds a default value and is flagged in
/// <see cref="Defined"/>.
/// </summary>
public abstract class Column
{
    protected Column(ColumnDescriptor descriptor, int length, bool[]? defined)
    {
        if (defined is not null && defined.Length < length)
            throw new ArgumentException($"Column '{descriptor.Name}': {defined.Length} definition flags for {length} rows.");
        if (defined is not null && !descriptor.Nullable && Array.IndexOf(defined, false, 0, length) >= 0)
            throw new ArgumentException($"Column '{descriptor.Name}' is not nullable but holds nulls.");
        Descriptor = descriptor;
        Length = length;
        Defined = defined;
    }

    public ColumnDescriptor Descriptor { get; }

    public string Name => Descriptor.Name;

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Per row: true when a value is present. Null when no row is null.</summary>
    public bool[]? Defined { get; }

    public bool IsNull(int row) => Defined is not null && !Defined[row];

    public int NullCount
    {
        get
        {
            if (Defined is null) return 0;
            var nulls = 0;
            for (var i = 0; i < Length; i++) if (!Defined[i]) nulls++;
            return nulls;
        }
    }

    /// <summary>
    /// The value of a row as a .NET object according to its logical type (string, long,
    /// DateTime, DateOnly, decimal, byte[] ...), or null.
    /// </summary>
    public object? GetValue(int row) => IsNull(row) ? null : GetPresentValue(row);

    protected abstract object GetPresentValue(int row);
}
