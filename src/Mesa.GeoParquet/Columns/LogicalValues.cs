using System.Buffers.Binary;
using System.Numerics;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>Turns physical values into .NET values according to the column's logical type.</summary>
public static class LogicalValues
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;
    private static readonly DateOnly EpochDate = DateOnly.FromDateTime(DateTime.UnixEpoch);
    // INT96 timestamps count days from the Julian day number of 1970-01-01.
    internal const long JulianDayOfUnixEpoch = 2_440_588;

    /// <summary>Which CLR element type stores a physical type in a <see cref="PrimitiveColumn{T}"/>.</summary>
    public static bool Stores<T>(PhysicalType physical) => physical switch
    {
        PhysicalType.Boolean => typeof(T) == typeof(bool),
        PhysicalType.Int32 => typeof(T) == typeof(int),
        PhysicalType.Int64 => typeof(T) == typeof(long),
        PhysicalType.Float => typeof(T) == typeof(float),
        PhysicalType.Double => typeof(T) == typeof(double),
        _ => false,
    };

    public static object Convert<T>(ColumnDescriptor column, T value) where T : unmanaged => value switch
    {
        int i => ConvertInt32(column.LogicalType, i),
        long l => ConvertInt64(column.LogicalType, l),
        _ => value,
    };

    public static object ConvertBytes(ColumnDescriptor column, ReadOnlySpan<byte> bytes)
    {
        if (column.PhysicalType == PhysicalType.Int96) return Int96ToDateTime(bytes);
        return column.LogicalType.Kind switch
        {
            LogicalKind.Decimal => UnscaledToDecimal(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), column.LogicalType.Scale),
            LogicalKind.Uuid when bytes.Length == 16 => new Guid(bytes, bigEndian: true),
            LogicalKind.Float16 when bytes.Length == 2 => BinaryPrimitives.ReadHalfLittleEndian(bytes),
            _ => bytes.ToArray(),
        };
    }

    private static object ConvertInt32(LogicalType type, int value) => type.Kind switch
    {
        LogicalKind.Date => EpochDate.AddDays(value),
        LogicalKind.Time => TimeOnly.FromTimeSpan(TimeSpan.FromMilliseconds(value)),
        LogicalKind.Decimal => UnscaledToDecimal(value, type.Scale),
        LogicalKind.Integer when !type.IsSigned => type.BitWidth switch
        {
            8 => (byte)value,
            16 => (ushort)value,
            _ => (uint)value,
        },
        LogicalKind.Integer => type.BitWidth switch
        {
            8 => (sbyte)value,
            16 => (short)value,
            _ => value,
        },
        _ => value,
    };

    private static object ConvertInt64(LogicalType type, long value) => type.Kind switch
    {
        LogicalKind.Timestamp => DateTime.SpecifyKind(
            UnixEpoch.AddTicks(ToTicks(value, type.Unit)),
            type.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified),
        LogicalKind.Time => TimeOnly.FromTimeSpan(TimeSpan.FromTicks(ToTicks(value, type.Unit))),
        LogicalKind.Decimal => UnscaledToDecimal(value, type.Scale),
        LogicalKind.Integer when !type.IsSigned => (ulong)value,
        _ => value,
    };

    /// <summary>Converts a count of <paramref name="unit"/> to 100 ns ticks (nanoseconds are truncated).</summary>
    public static long ToTicks(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => checked(value * TimeSpan.TicksPerMillisecond),
        TimeUnit.Micros => checked(value * 10),
        _ => value / 100,
    };

    private static DateTime Int96ToDateTime(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 12) throw new ParquetFormatException($"INT96 value has {bytes.Length} bytes; expected 12.");
        var nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var julianDay = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        return UnixEpoch.AddDays(julianDay - JulianDayOfUnixEpoch).AddTicks(nanosOfDay / 100);
    }

    private static decimal UnscaledToDecimal(BigInteger unscaled, int scale)
    {
        try
        {
            return (decimal)unscaled / (decimal)BigInteger.Pow(10, scale);
        }
        catch (OverflowException e)
        {
            throw new ParquetFormatException($"DECIMAL value {unscaled}e-{scale} does not fit a .NET decimal.", e);
        }
    }
}
