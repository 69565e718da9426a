using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Schema;

/// <summary>One leaf column of a flat schema.</summary>
public sealed record ColumnDescriptor(
    string Name,
    PhysicalType PhysicalType,
    LogicalType LogicalType,
    bool Nullable = true,
    int TypeLength = 0)
{
    public static ColumnDescriptor String(string name, bool nullable = true) => new(name, PhysicalType.ByteArray, LogicalType.String, nullable);

    public static ColumnDescriptor Binary(string name, bool nullable = true) => new(name, PhysicalType.ByteArray, LogicalType.None, nullable);

    public static ColumnDescriptor Int64(string name, bool nullable = true) => new(name, PhysicalType.Int64, LogicalType.None, nullable);

    public static ColumnDescriptor Int32(string name, bool nullable = true) => new(name, PhysicalType.Int32, LogicalType.None, nullable);

    public static ColumnDescriptor Double(string name, bool nullable = true) => new(name, PhysicalType.Double, LogicalType.None, nullable);

    public static ColumnDescriptor Float(string name, bool nullable = true) => new(name, PhysicalType.Float, LogicalType.None, nullable);

    public static ColumnDescriptor Boolean(string name, bool nullable = true) => new(name, PhysicalType.Boolean, LogicalType.None, nullable);

    public static ColumnDescriptor Timestamp(string name, TimeUnit unit = TimeUnit.Micros, bool utc = true, bool nullable = true) =>
        new(name, PhysicalType.Int64, LogicalType.Timestamp(unit, utc), nullable);
}
