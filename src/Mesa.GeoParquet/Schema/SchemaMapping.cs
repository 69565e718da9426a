using Mesa.GeoParquet.Format;
using ParquetSharp.Schema;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Schema;

/// <summary>Translates between ParquetSharp's schema nodes and a flat <see cref="ParquetSchema"/>.</summary>
internal static class SchemaMapping
{
    /// <summary>Builds the root group node ParquetSharp writes for a flat schema.</summary>
    public static GroupNode ToGroupNode(ParquetSchema schema)
    {
        var fields = new Node[schema.Columns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var c = schema.Columns[i];
            using var logical = ToLogicalType(c.LogicalType);
            fields[i] = new PrimitiveNode(
                c.Name,
                c.Nullable ? Native.Repetition.Optional : Native.Repetition.Required,
                logical,
                ToPhysicalType(c.PhysicalType),
                c.PhysicalType == PhysicalType.FixedLenByteArray ? c.TypeLength : -1);
        }
        try
        {
            return new GroupNode("schema", Native.Repetition.Required, fields);
        }
        finally
        {
            foreach (var field in fields) field.Dispose();
        }
    }

    /// <summary>The descriptor of a top-level primitive (flat) field.</summary>
    public static ColumnDescriptor FromPrimitiveNode(PrimitiveNode node, string fileName)
    {
        if (node.Repetition == Native.Repetition.Repeated)
            throw new ParquetFormatException($"{fileName}: column '{node.Name}' is a repeated (list) column; lists are not supported.");
        var physical = FromPhysicalType(node.PhysicalType, node.Name, fileName);
        using var logical = node.LogicalType;
        var length = physical switch
        {
            PhysicalType.FixedLenByteArray => node.TypeLength > 0 ? node.TypeLength
                : throw new ParquetFormatException($"{fileName}: column '{node.Name}' is FIXED_LEN_BYTE_ARRAY without a positive type_length."),
            PhysicalType.Int96 => 12,
            _ => 0,
        };
        return new ColumnDescriptor(node.Name, physical, FromLogicalType(logical, node.Name, fileName), node.Repetition != Native.Repetition.Required, length);
    }

    public static Native.PhysicalType ToPhysicalType(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => Native.PhysicalType.Boolean,
        PhysicalType.Int32 => Native.PhysicalType.Int32,
        PhysicalType.Int64 => Native.PhysicalType.Int64,
        PhysicalType.Int96 => Native.PhysicalType.Int96,
        PhysicalType.Float => Native.PhysicalType.Float,
        PhysicalType.Double => Native.PhysicalType.Double,
        PhysicalType.ByteArray => Native.PhysicalType.ByteArray,
        PhysicalType.FixedLenByteArray => Native.PhysicalType.FixedLenByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown physical type."),
    };

    private static PhysicalType FromPhysicalType(Native.PhysicalType type, string column, string fileName) => type switch
    {
        Native.PhysicalType.Boolean => PhysicalType.Boolean,
        Native.PhysicalType.Int32 => PhysicalType.Int32,
        Native.PhysicalType.Int64 => PhysicalType.Int64,
        Native.PhysicalType.Int96 => PhysicalType.Int96,
        Native.PhysicalType.Float => PhysicalType.Float,
        Native.PhysicalType.Double => PhysicalType.Double,
        Native.PhysicalType.ByteArray => PhysicalType.ByteArray,
        Native.PhysicalType.FixedLenByteArray => PhysicalType.FixedLenByteArray,
        _ => throw new ParquetFormatException($"{fileName}: column '{column}' has an unknown physical type ({type})."),
    };

    private static LogicalType FromLogicalType(Native.LogicalType logical, string column, string fileName) => logical switch
    {
        Native.NoneLogicalType => LogicalType.None,
        Native.NullLogicalType => new LogicalType(LogicalKind.Unknown),
        Native.StringLogicalType => LogicalType.String,
        Native.EnumLogicalType => LogicalType.Enum,
        Native.JsonLogicalType => LogicalType.Json,
        Native.BsonLogicalType => new LogicalType(LogicalKind.Bson),
        Native.UuidLogicalType => new LogicalType(LogicalKind.Uuid),
        Native.Float16LogicalType => new LogicalType(LogicalKind.Float16),
        Native.DateLogicalType => LogicalType.Date,
        Native.DecimalLogicalType d => LogicalType.Decimal(d.Precision, d.Scale),
        Native.TimeLogicalType t => LogicalType.Time(FromUnit(t.TimeUnit), t.IsAdjustedToUtc),
        Native.TimestampLogicalType t => LogicalType.Timestamp(FromUnit(t.TimeUnit), t.IsAdjustedToUtc),
        Native.IntLogicalType i => LogicalType.Int(i.BitWidth, i.IsSigned),
        Native.MapLogicalType or Native.ListLogicalType => throw new ParquetFormatException($"{fileName}: column '{column}' is a nested group (struct, list or map); only flat schemas are supported."),
        _ => new LogicalType(LogicalKind.Unknown),
    };

    private static TimeUnit FromUnit(Native.TimeUnit unit) => unit switch
    {
        Native.TimeUnit.Millis => TimeUnit.Millis,
        Native.TimeUnit.Micros => TimeUnit.Micros,
        _ => TimeUnit.Nanos,
    };

    private static Native.TimeUnit ToUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => Native.TimeUnit.Millis,
        TimeUnit.Micros => Native.TimeUnit.Micros,
        _ => Native.TimeUnit.Nanos,
    };

    private static Native.LogicalType ToLogicalType(LogicalType t) => t.Kind switch
    {
        LogicalKind.None => Native.LogicalType.None(),
        LogicalKind.String => Native.LogicalType.String(),
        LogicalKind.Enum => Native.LogicalType.Enum(),
        LogicalKind.Json => Native.LogicalType.Json(),
        LogicalKind.Bson => Native.LogicalType.Bson(),
        LogicalKind.Uuid => Native.LogicalType.Uuid(),
        LogicalKind.Float16 => Native.LogicalType.Float16(),
        LogicalKind.Date => Native.LogicalType.Date(),
        LogicalKind.Decimal => Native.LogicalType.Decimal(t.Precision, t.Scale),
        LogicalKind.Time => Native.LogicalType.Time(t.IsAdjustedToUtc, ToUnit(t.Unit)),
        LogicalKind.Timestamp => Native.LogicalType.Timestamp(t.IsAdjustedToUtc, ToUnit(t.Unit)),
        LogicalKind.Integer => Native.LogicalType.Int(t.BitWidth, t.IsSigned),
        LogicalKind.Unknown => Native.LogicalType.Null(),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t.Kind, "Unhandled logical type."),
    };
}
