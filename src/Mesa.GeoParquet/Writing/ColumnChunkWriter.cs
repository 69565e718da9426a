using System.Buffers;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Writing;

/// <summary>
/// Hands the rows [start, end) of one column to a ParquetSharp physical column writer: present values
/// packed, with definition levels for nullable columns. Byte strings are passed as pointers into the
/// column's pinned buffer, without an object per value.
/// </summary>
internal static class ColumnChunkWriter
{
    public static void Write(Native.ColumnWriter writer, Column column, int start, int end)
    {
        switch (column)
        {
            case PrimitiveColumn<bool> c: WriteFixed((Native.ColumnWriter<bool>)writer, c, start, end); break;
            case PrimitiveColumn<int> c: WriteFixed((Native.ColumnWriter<int>)writer, c, start, end); break;
            case PrimitiveColumn<long> c: WriteFixed((Native.ColumnWriter<long>)writer, c, start, end); break;
            case PrimitiveColumn<float> c: WriteFixed((Native.ColumnWriter<float>)writer, c, start, end); break;
            case PrimitiveColumn<double> c: WriteFixed((Native.ColumnWriter<double>)writer, c, start, end); break;
            case BinaryColumn { Descriptor.PhysicalType: PhysicalType.ByteArray } c:
                WriteBinary((Native.ColumnWriter<Native.ByteArray>)writer, c, start, end, (p, length) => new Native.ByteArray(p, length));
                break;
            case BinaryColumn { Descriptor.PhysicalType: PhysicalType.FixedLenByteArray } c:
                WriteBinary((Native.ColumnWriter<Native.FixedLenByteArray>)writer, c, start, end, (p, _) => new Native.FixedLenByteArray(p));
                break;
            case BinaryColumn { Descriptor.PhysicalType: PhysicalType.Int96 } c:
                WriteInt96((Native.ColumnWriter<Native.Int96>)writer, c, start, end);
                break;
            default:
                throw new ArgumentException($"Column '{column.Name}' ({column.GetType().Name}) cannot be written as {column.Descriptor.PhysicalType}.");
        }
    }

    private static void WriteFixed<T>(Native.ColumnWriter<T> writer, PrimitiveColumn<T> column, int start, int end) where T : unmanaged
    {
        var rows = end - start;
        if (!column.Descriptor.Nullable)
        {
            writer.WriteBatch(column.Values.AsSpan(start, rows));
            return;
        }
        var levels = ArrayPool<short>.Shared.Rent(Math.Max(rows, 1));
        var packed = column.Defined is null ? null : ArrayPool<T>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            var count = Levels(column, start, end, levels);
            if (packed is null)
            {
                writer.WriteBatch(rows, levels.AsSpan(0, rows), default, column.Values.AsSpan(start, rows));
                return;
            }
            var next = 0;
            for (var row = start; row < end; row++)
                if (column.Defined![row]) packed[next++] = column.Values[row];
            writer.WriteBatch(rows, levels.AsSpan(0, rows), default, packed.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<short>.Shared.Return(levels);
            if (packed is not null) ArrayPool<T>.Shared.Return(packed);
        }
    }

    private static unsafe void WriteBinary<T>(Native.ColumnWriter<T> writer, BinaryColumn column, int start, int end, Func<IntPtr, int, T> wrap) where T : unmanaged
    {
        var rows = end - start;
        var levels = column.Descriptor.Nullable ? ArrayPool<short>.Shared.Rent(Math.Max(rows, 1)) : null;
        var values = ArrayPool<T>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            if (levels is not null) Levels(column, start, end, levels);
            var offsets = column.Values.Offsets;
            fixed (byte* data = column.Values.Data)
            {
                var count = 0;
                for (var row = start; row < end; row++)
                {
                    if (column.IsNull(row)) continue;
                    values[count++] = wrap((IntPtr)(data + offsets[row]), offsets[row + 1] - offsets[row]);
                }
                if (levels is null) writer.WriteBatch(values.AsSpan(0, count));
                else writer.WriteBatch(rows, levels.AsSpan(0, rows), default, values.AsSpan(0, count));
            }
        }
        finally
        {
            if (levels is not null) ArrayPool<short>.Shared.Return(levels);
            ArrayPool<T>.Shared.Return(values);
        }
    }

    private static void WriteInt96(Native.ColumnWriter<Native.Int96> writer, BinaryColumn column, int start, int end)
    {
        var rows = end - start;
        var levels = new short[rows];
        var values = new Native.Int96[Levels(column, start, end, levels)];
        var count = 0;
        for (var row = start; row < end; row++)
        {
            if (column.IsNull(row)) continue;
            var bytes = column.GetBytes(row);
            if (bytes.Length != 12) throw new ArgumentException($"Column '{column.Name}', row {row}: an INT96 value must be 12 bytes, not {bytes.Length}.");
            values[count++] = MemoryMarshal.Read<Native.Int96>(bytes);
        }
        if (column.Descriptor.Nullable) writer.WriteBatch(rows, levels, default, values);
        else writer.WriteBatch(values);
    }

    /// <summary>Fills the definition levels of rows [start, end) and returns how many are present.</summary>
    private static int Levels(Column column, int start, int end, short[] levels)
    {
        var count = 0;
        for (var row = start; row < end; row++)
        {
            var present = !column.IsNull(row);
            levels[row - start] = present ? (short)1 : (short)0;
            if (present) count++;
        }
        return count;
    }
}
