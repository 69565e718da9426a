using System.Numerics;
using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Writing;

/// <summary>Min, max and null count of a column chunk, in the column's sort order.</summary>
internal static class ColumnStatistics
{
    // Long byte strings (WKB geometry, free text) make useless and bulky bounds.
    private const int MaxBoundBytes = 64;

    public static Statistics Compute(Column column, int start, int end)
    {
        var stats = new Statistics { NullCount = CountNulls(column, start, end) };
        var bounds = column switch
        {
            PrimitiveColumn<bool> c => Bounds(c, start, end, (a, b) => a.CompareTo(b), v => [(byte)(v ? 1 : 0)]),
            PrimitiveColumn<int> c when IsUnsigned(c.Descriptor) => Bounds(c, start, end, (a, b) => ((uint)a).CompareTo((uint)b), Int32Bytes),
            PrimitiveColumn<int> c => Bounds(c, start, end, (a, b) => a.CompareTo(b), Int32Bytes),
            PrimitiveColumn<long> c when IsUnsigned(c.Descriptor) => Bounds(c, start, end, (a, b) => ((ulong)a).CompareTo((ulong)b), Int64Bytes),
            PrimitiveColumn<long> c => Bounds(c, start, end, (a, b) => a.CompareTo(b), Int64Bytes),
            PrimitiveColumn<float> c => FloatBounds(c, start, end, v => BitConverter.GetBytes(v)),
            PrimitiveColumn<double> c => FloatBounds(c, start, end, v => BitConverter.GetBytes(v)),
            BinaryColumn c when c.Descriptor.PhysicalType != PhysicalType.Int96 && c.Descriptor.LogicalType.Kind is not LogicalKind.Decimal => BinaryBounds(c, start, end),
            _ => null,
        };
        if (bounds is { } b)
        {
            stats.MinValue = b.Min;
            stats.MaxValue = b.Max;
        }
        return stats;
    }

    private static long CountNulls(Column column, int start, int end)
    {
        if (column.Defined is null) return 0;
        long nulls = 0;
        for (var i = start; i < end; i++) if (!column.Defined[i]) nulls++;
        return nulls;
    }

    private static bool IsUnsigned(ColumnDescriptor d) => d.LogicalType is { Kind: LogicalKind.Integer, IsSigned: false };

    private static byte[] Int32Bytes(int v)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, v);
        return bytes;
    }

    private static byte[] Int64Bytes(long v)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, v);
        return bytes;
    }

    private static (byte[] Min, byte[] Max)? Bounds<T>(PrimitiveColumn<T> c, int start, int end, Comparison<T> compare, Func<T, byte[]> toBytes)
        where T : unmanaged
    {
        var found = false;
        T min = default, max = default;
        for (var i = start; i < end; i++)
        {
            if (c.IsNull(i)) continue;
            var v = c.Values[i];
            if (!found) { min = max = v; found = true; continue; }
            if (compare(v, min) < 0) min = v;
            if (compare(v, max) > 0) max = v;
        }
        return found ? (toBytes(min), toBytes(max)) : null;
    }

    // NaN is left out of float bounds, and a zero bound is written as -0.0 (min) / +0.0 (max),
    // as the Parquet spec asks, so readers never prune a page holding the other zero.
    private static (byte[] Min, byte[] Max)? FloatBounds<T>(PrimitiveColumn<T> c, int start, int end, Func<T, byte[]> toBytes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var found = false;
        T min = default, max = default;
        for (var i = start; i < end; i++)
        {
            if (c.IsNull(i)) continue;
            var v = c.Values[i];
            if (T.IsNaN(v)) continue;
            if (!found) { min = max = v; found = true; continue; }
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (!found) return null;
        if (T.IsZero(min)) min = T.NegativeZero;
        if (T.IsZero(max)) max = T.Zero;
        return (toBytes(min), toBytes(max));
    }

    private static (byte[] Min, byte[] Max)? BinaryBounds(BinaryColumn c, int start, int end)
    {
        if (!c.Descriptor.LogicalType.IsText && c.Descriptor.PhysicalType == PhysicalType.ByteArray) return null;
        var found = false;
        ReadOnlySpan<byte> min = default, max = default;
        for (var i = start; i < end; i++)
        {
            if (c.IsNull(i)) continue;
            var v = c.GetBytes(i);
            if (v.Length > MaxBoundBytes) return null;
            if (!found) { min = max = v; found = true; continue; }
            if (v.SequenceCompareTo(min) < 0) min = v;
            if (v.SequenceCompareTo(max) > 0) max = v;
        }
        return found ? (min.ToArray(), max.ToArray()) : null;
    }
}
