using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>A column of fixed-width values: bool, int, long, float or double.</summary>
public sealed class PrimitiveColumn<T> : Column where T : unmanaged
{
    public PrimitiveColumn(ColumnDescriptor descriptor, T[] values, bool[]? defined = null, int? length = null)
        : base(descriptor, length ?? values.Length, defined)
    {
        if (Length > values.Length) throw new ArgumentException($"Column '{descriptor.Name}': {values.Length} values for {Length} rows.");
        if (!LogicalValues.Stores<T>(descriptor.PhysicalType))
            throw new ArgumentException($"Column '{descriptor.Name}' is {descriptor.PhysicalType}; it cannot hold {typeof(T).Name} values.");
        Values = values;
    }

    /// <summary>Values, one slot per row (slots of null rows are default).</summary>
    public T[] Values { get; }

    public T this[int row] => Values[row];

    protected override object GetPresentValue(int row) => LogicalValues.Convert(Descriptor, Values[row]);
}
