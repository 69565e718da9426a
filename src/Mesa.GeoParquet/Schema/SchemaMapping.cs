using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Schema;

/// <summary>Translates between the footer's SchemaElement list and a flat <see cref="ParquetSchema"/>.</summary>
internal static class SchemaMapping
{
    public static ParquetSchema FromElements(IReadOnlyList<SchemaElement> elements, string fileName)
    {
        if (elements.Count == 0) throw new ParquetFormatException($"{fileName}: the schema is empty.");
        var root = elements[0];
        var leaves = new List<ColumnDescriptor>(elements.Count - 1);
        for (var i = 1; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.NumChildren is > 0 || e.Type is null)
                throw new ParquetFormatException($"{fileName}: column '{e.Name}' is a nested group (struct, list or map); only flat schemas are supported.");
            if (e.RepetitionType == FieldRepetitionType.Repeated)
                throw new ParquetFormatException($"{fileName}: column '{e.Name}' is a repeated (list) column; lists are not supported.");
            leaves.Add(ToDescriptor(e, fileName));
        }
        if (root.NumChildren is { } n && n != leaves.Count)
            throw new ParquetFormatException($"{fileName}: the schema root declares {n} children but {leaves.Count} columns follow; nested schemas are not supported.");
        try
        {
            return new ParquetSchema(leaves);
        }
        catch (ArgumentException e)
        {
            throw new ParquetFormatException($"{fileName}: {e.Message}", e);
        }
    }

    public static List<SchemaElement> ToElements(ParquetSchema schema)
    {
        var elements = new List<SchemaElement>(schema.Columns.Count + 1)
        {
            new() { Name = "schema", NumChildren = schema.Columns.Count },
        };
        foreach (var c in schema.Columns)
        {
            elements.Add(new SchemaElement
            {
                Name = c.Name,
                Type = c.PhysicalType,
                TypeLength = c.PhysicalType == PhysicalType.FixedLenByteArray ? c.TypeLength : null,
                RepetitionType = c.Nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
                LogicalType = ToAnnotation(c.LogicalType),
                ConvertedType = ToConvertedType(c.LogicalType),
                Precision = c.LogicalType.Kind == LogicalKind.Decimal ? c.LogicalType.Precision : null,
                Scale = c.LogicalType.Kind == LogicalKind.Decimal ? c.LogicalType.Scale : null,
            });
        }
        return elements;
    }

    private static ColumnDescriptor ToDescriptor(SchemaElement e, string fileName)
    {
        var physical = e.Type!.Value;
        var logical = e.LogicalType is { } a ? FromAnnotation(a, e, fileName) : FromConvertedType(e);
        var length = physical switch
        {
            PhysicalType.FixedLenByteArray => e.TypeLength is > 0 and var len ? len
                : throw new ParquetFormatException($"{fileName}: column '{e.Name}' is FIXED_LEN_BYTE_ARRAY without a positive type_length."),
            PhysicalType.Int96 => 12,
            _ => 0,
        };
        return new ColumnDescriptor(e.Name, physical, logical, e.RepetitionType != FieldRepetitionType.Required, length);
    }

    private static LogicalType FromAnnotation(LogicalTypeAnnotation a, SchemaElement e, string fileName)
    {
        var unit = a.TimeUnit switch { 1 => TimeUnit.Millis, 2 => TimeUnit.Micros, _ => TimeUnit.Nanos };
        return a.Kind switch
        {
            1 => LogicalType.String,
            4 => LogicalType.Enum,
            5 => LogicalType.Decimal(a.DecimalPrecision, a.DecimalScale),
            6 => LogicalType.Date,
            7 => LogicalType.Time(unit, a.IsAdjustedToUtc),
            8 => LogicalType.Timestamp(unit, a.IsAdjustedToUtc),
            10 => LogicalType.Int(a.BitWidth, a.IsSigned),
            11 => new LogicalType(LogicalKind.Unknown),
            12 => LogicalType.Json,
            13 => new LogicalType(LogicalKind.Bson),
            14 => new LogicalType(LogicalKind.Uuid),
            15 => new LogicalType(LogicalKind.Float16),
            2 or 3 => throw new ParquetFormatException($"{fileName}: column '{e.Name}' is a {(a.Kind == 2 ? "map" : "list")}; only flat schemas are supported."),
            _ => throw new ParquetFormatException($"{fileName}: column '{e.Name}' has an unknown logical type (union id {a.Kind})."),
        };
    }

    private static LogicalType FromConvertedType(SchemaElement e) => e.ConvertedType switch
    {
        ConvertedType.Utf8 => LogicalType.String,
        ConvertedType.Enum => LogicalType.Enum,
        ConvertedType.Json => LogicalType.Json,
        ConvertedType.Bson => new LogicalType(LogicalKind.Bson),
        ConvertedType.Date => LogicalType.Date,
        ConvertedType.TimeMillis => LogicalType.Time(TimeUnit.Millis),
        ConvertedType.TimeMicros => LogicalType.Time(TimeUnit.Micros),
        ConvertedType.TimestampMillis => LogicalType.Timestamp(TimeUnit.Millis),
        ConvertedType.TimestampMicros => LogicalType.Timestamp(TimeUnit.Micros),
        ConvertedType.Decimal => LogicalType.Decimal(e.Precision ?? 0, e.Scale ?? 0),
        ConvertedType.Int8 => LogicalType.Int(8),
        ConvertedType.Int16 => LogicalType.Int(16),
        ConvertedType.Int32 => LogicalType.Int(32),
        ConvertedType.Int64 => LogicalType.Int(64),
        ConvertedType.Uint8 => LogicalType.Int(8, false),
        ConvertedType.Uint16 => LogicalType.Int(16, false),
        ConvertedType.Uint32 => LogicalType.Int(32, false),
        ConvertedType.Uint64 => LogicalType.Int(64, false),
        _ => LogicalType.None,
    };

    private static LogicalTypeAnnotation? ToAnnotation(LogicalType t) => t.Kind switch
    {
        LogicalKind.None => null,
        LogicalKind.String => new() { Kind = 1 },
        LogicalKind.Enum => new() { Kind = 4 },
        LogicalKind.Decimal => new() { Kind = 5, DecimalPrecision = t.Precision, DecimalScale = t.Scale },
        LogicalKind.Date => new() { Kind = 6 },
        LogicalKind.Time => new() { Kind = 7, IsAdjustedToUtc = t.IsAdjustedToUtc, TimeUnit = UnitId(t.Unit) },
        LogicalKind.Timestamp => new() { Kind = 8, IsAdjustedToUtc = t.IsAdjustedToUtc, TimeUnit = UnitId(t.Unit) },
        LogicalKind.Integer => new() { Kind = 10, BitWidth = t.BitWidth, IsSigned = t.IsSigned },
        LogicalKind.Unknown => new() { Kind = 11 },
        LogicalKind.Json => new() { Kind = 12 },
        LogicalKind.Bson => new() { Kind = 13 },
        LogicalKind.Uuid => new() { Kind = 14 },
        LogicalKind.Float16 => new() { Kind = 15 },
        _ => throw new ArgumentOutOfRangeException(nameof(t), t.Kind, "Unhandled logical type."),
    };

    private static int UnitId(TimeUnit unit) => unit switch { TimeUnit.Millis => 1, TimeUnit.Micros => 2, _ => 3 };

    // Older readers only understand ConvertedType, so it is written beside LogicalType where one exists.
    private static ConvertedType? ToConvertedType(LogicalType t) => t.Kind switch
    {
        LogicalKind.String => ConvertedType.Utf8,
        LogicalKind.Enum => ConvertedType.Enum,
        LogicalKind.Json => ConvertedType.Json,
        LogicalKind.Bson => ConvertedType.Bson,
        LogicalKind.Date => ConvertedType.Date,
        LogicalKind.Decimal => ConvertedType.Decimal,
        LogicalKind.Time when t.IsAdjustedToUtc && t.Unit == TimeUnit.Millis => ConvertedType.TimeMillis,
        LogicalKind.Time when t.IsAdjustedToUtc && t.Unit == TimeUnit.Micros => ConvertedType.TimeMicros,
        LogicalKind.Timestamp when t.IsAdjustedToUtc && t.Unit == TimeUnit.Millis => ConvertedType.TimestampMillis,
        LogicalKind.Timestamp when t.IsAdjustedToUtc && t.Unit == TimeUnit.Micros => ConvertedType.TimestampMicros,
        LogicalKind.Integer => (t.BitWidth, t.IsSigned) switch
        {
            (8, true) => ConvertedType.Int8,
            (16, true) => ConvertedType.Int16,
            (32, true) => ConvertedType.Int32,
            (64, true) => ConvertedType.Int64,
            (8, false) => ConvertedType.Uint8,
            (16, false) => ConvertedType.Uint16,
            (32, false) => ConvertedType.Uint32,
            _ => ConvertedType.Uint64,
        },
        _ => null,
    };
}
