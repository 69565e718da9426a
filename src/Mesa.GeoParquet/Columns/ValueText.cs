using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>
/// Renders a cell as exact, culture-free text from its physical value, so that nothing is lost to .NET types
/// (nanosecond timestamps, 38-digit decimals, unsigned 64-bit integers):
/// integers in decimal; FLOAT/DOUBLE as <see cref="FloatText"/>;
/// booleans "true"/"false"; text as is; other byte arrays as lowercase hex; DATE "yyyy-MM-dd";
/// TIME "HH:mm:ss" plus the unit's digits (.fff, .ffffff, .fffffffff); TIMESTAMP "yyyy-MM-ddTHH:mm:ss" plus the
/// unit's digits, with "Z" when adjusted to UTC; INT96 as a nanosecond timestamp without zone; DECIMAL as an exact
/// decimal string with <c>scale</c> digits after the point; UUID in 8-4-4-4-12 form. This is the canonical form
/// tools/interop/canonical.mjs prints for DuckDB and hyparquet, so cells compare as strings across implementations.
/// </summary>
public static class ValueText
{
    /// <summary>The cell's text, or null for a null cell.</summary>
    public static string? Format(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        var type = column.Descriptor.LogicalType;
        return column switch
        {
            PrimitiveColumn<bool> c => c[row] ? "true" : "false",
            PrimitiveColumn<int> c => FormatInt64(c[row], type, is32Bit: true),
            PrimitiveColumn<long> c => FormatInt64(c[row], type, is32Bit: false),
            PrimitiveColumn<float> c => FloatText.Format(c[row]),
            PrimitiveColumn<double> c => FloatText.Format(c[row]),
            BinaryColumn c => FormatBytes(c, row),
            _ => throw new NotSupportedException($"Column '{column.Name}' has an unexpected storage type {column.GetType().Name}."),
        };
    }

    /// <summary>True when the text is a JSON number as is (so writers can emit it unquoted).</summary>
    public static bool IsNumeric(ColumnDescriptor column) =>
        column.PhysicalType is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double
        && column.LogicalType.Kind is LogicalKind.None or LogicalKind.Integer or LogicalKind.Decimal;

    private static string FormatInt64(long value, LogicalType type, bool is32Bit) => type.Kind switch
    {
        LogicalKind.Date => FormatDate(value),
        LogicalKind.Time => FormatTime(value, is32Bit ? TimeUnit.Millis : type.Unit),
        LogicalKind.Timestamp => FormatTimestamp(value, type.Unit, type.IsAdjustedToUtc),
        LogicalKind.Decimal => FormatDecimal(value, type.Scale),
        LogicalKind.Integer when !type.IsSigned => is32Bit ? ((uint)value).ToString(CultureInfo.InvariantCulture) : ((ulong)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatBytes(BinaryColumn column, int row)
    {
        var bytes = column.GetBytes(row);
        var type = column.Descriptor.LogicalType;
        if (column.Descriptor.PhysicalType == PhysicalType.Int96)
            return FormatInt96(bytes, column.Name);
        return type.Kind switch
        {
            LogicalKind.String or LogicalKind.Enum or LogicalKind.Json => column.GetString(row)!,
            LogicalKind.Decimal => FormatDecimal(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), type.Scale),
            LogicalKind.Uuid when bytes.Length == 16 => new Guid(bytes, bigEndian: true).ToString("D"),
            _ => Convert.ToHexStringLower(bytes),
        };
    }

    private static string FormatTime(long value, TimeUnit unit)
    {
        var perSecond = UnitsPerSecond(unit);
        var seconds = Math.DivRem(value, perSecond, out var fraction);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}") + Fraction(fraction, unit);
    }

    private static string FormatTimestamp(long value, TimeUnit unit, bool utc)
    {
        var perSecond = UnitsPerSecond(unit);
        var seconds = Math.DivRem(value, perSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += perSecond;
        }
        var days = Math.DivRem(seconds, 86_400, out var secondOfDay);
        if (secondOfDay < 0)
        {
            days--;
            secondOfDay += 86_400;
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"{FormatDate(days)}T{secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}:{secondOfDay % 60:00}") + Fraction(fraction, unit);
        return utc ? text + "Z" : text;
    }

    /// <summary>
    /// Days since 1970-01-01 as a proleptic Gregorian date, for any day count (years beyond 1..9999 included,
    /// which .NET's date types cannot hold): the civil-from-days algorithm on 400-year eras.
    /// </summary>
    private static string FormatDate(long daysSinceEpoch)
    {
        var z = daysSinceEpoch + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        var month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        var yearText = year is >= 0 and <= 9999 ? year.ToString("0000", CultureInfo.InvariantCulture) : year.ToString("+0000;-0000", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{yearText}-{month:00}-{day:00}");
    }

    private static string FormatInt96(ReadOnlySpan<byte> bytes, string column)
    {
        if (bytes.Length != 12)
            throw new ParquetFormatException($"Column '{column}': INT96 value has {bytes.Length} bytes; expected 12.");
        var nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var julianDay = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var dayOffset = Math.DivRem(nanosOfDay, 86_400_000_000_000L, out var nanosIntoDay);
        if (nanosIntoDay < 0)
        {
            dayOffset--;
            nanosIntoDay += 86_400_000_000_000L;
        }
        var days = julianDay - LogicalValues.JulianDayOfUnixEpoch + dayOffset;
        var seconds = nanosIntoDay / 1_000_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"{FormatDate(days)}T{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}") + Fraction(nanosIntoDay % 1_000_000_000, TimeUnit.Nanos);
    }

    private static string FormatDecimal(BigInteger unscaled, int scale)
    {
        if (scale <= 0)
            return (unscaled * BigInteger.Pow(10, -scale)).ToString(CultureInfo.InvariantCulture);
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var sign = unscaled.Sign < 0 ? "-" : "";
        return $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }

    private static string Fraction(long fraction, TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => "." + fraction.ToString("000", CultureInfo.InvariantCulture),
        TimeUnit.Micros => "." + fraction.ToString("000000", CultureInfo.InvariantCulture),
        _ => "." + fraction.ToString("000000000", CultureInfo.InvariantCulture),
    };

    private static long UnitsPerSecond(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => 1_000,
        TimeUnit.Micros => 1_000_000,
        _ => 1_000_000_000,
    };
}
