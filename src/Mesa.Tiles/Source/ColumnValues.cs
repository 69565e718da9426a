using Mesa.GeoParquet.Columns;

namespace Mesa.Tiles.Source;

/// <summary>Cell access that tolerates the column types MESA's own writers use (pyarrow may write ints or floats); another type is a format error naming the column.</summary>
internal static class ColumnValues
{
    public static double? Number(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        PrimitiveColumn<long> c => c[row],
        PrimitiveColumn<int> c => c[row],
        PrimitiveColumn<double> c => double.IsNaN(c[row]) ? null : c[row],
        PrimitiveColumn<float> c => float.IsNaN(c[row]) ? null : c[row],
        _ => throw new Mesa.GeoParquet.ParquetFormatException($"Column '{column.Name}' is {column.Descriptor.PhysicalType}; expected a number."),
    };

    public static long? Integer(Column column, int row) => Number(column, row) is { } v ? (long)Math.Round(v, MidpointRounding.ToEven) : null;

    public static string? Text(Column column, int row) => column switch
    {
        BinaryColumn c => c.IsNull(row) ? null : c.GetString(row),
        _ => throw new Mesa.GeoParquet.ParquetFormatException($"Column '{column.Name}' is {column.Descriptor.PhysicalType}; expected text."),
    };
}
