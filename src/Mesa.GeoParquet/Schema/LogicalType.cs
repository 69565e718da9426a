namespace Mesa.GeoParquet.Schema;

public enum LogicalKind
{
    None,
    String,
    Enum,
    Json,
    Bson,
    Uuid,
    Date,
    Time,
    Timestamp,
    Decimal,
    Integer,
    Float16,
    Unknown,
}

public enum TimeUnit
{
    Millis,
    Micros,
    Nanos,
}

/// <summary>
/// How the physical values of a column are to be understood. Built from the LogicalType
/// annotation, or from the legacy ConvertedType when only that is present.
/// </summary>
public sealed record LogicalType(
    LogicalKind Kind,
    int BitWidth = 0,
    bool IsSigned = true,
    TimeUnit Unit = TimeUnit.Micros,
    bool IsAdjustedToUtc = true,
    int Precision = 0,
    int Scale = 0)
{
    public static readonly LogicalType None = new(LogicalKind.None);
    public static readonly LogicalType String = new(LogicalKind.String);
    public static readonly LogicalType Enum = new(LogicalKind.Enum);
    public static readonly LogicalType Json = new(LogicalKind.Json);
    public static readonly LogicalType Date = new(LogicalKind.Date);

    public static LogicalType Int(int bitWidth, bool signed = true) => new(LogicalKind.Integer, BitWidth: bitWidth, IsSigned: signed);

    public static LogicalType Timestamp(TimeUnit unit, bool utc = true) => new(LogicalKind.Timestamp, Unit: unit, IsAdjustedToUtc: utc);

    public static LogicalType Time(TimeUnit unit, bool utc = true) => new(LogicalKind.Time, Unit: unit, IsAdjustedToUtc: utc);

    public static LogicalType Decimal(int precision, int scale) => new(LogicalKind.Decimal, Precision: precision, Scale: scale);

    /// <summary>True when BYTE_ARRAY values of this type are UTF-8 text.</summary>
    public bool IsText => Kind is LogicalKind.String or LogicalKind.Enum or LogicalKind.Json;

    /// <summary>Short name as printed by <c>parquet inspect</c>, e.g. <c>TIMESTAMP(MICROS,UTC)</c>.</summary>
    public override string ToString() => Kind switch
    {
        LogicalKind.None => "NONE",
        LogicalKind.Integer => $"INT({BitWidth},{(IsSigned ? "signed" : "unsigned")})",
        LogicalKind.Timestamp => $"TIMESTAMP({Unit.ToString().ToUpperInvariant()},{(IsAdjustedToUtc ? "UTC" : "local")})",
        LogicalKind.Time => $"TIME({Unit.ToString().ToUpperInvariant()},{(IsAdjustedToUtc ? "UTC" : "local")})",
        LogicalKind.Decimal => $"DECIMAL({Precision},{Scale})",
        _ => Kind.ToString().ToUpperInvariant(),
    };
}
