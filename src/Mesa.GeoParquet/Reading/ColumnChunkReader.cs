using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Reads one flat column chunk with ParquetSharp's physical column readers: values arrive packed
/// (present values only) with definition levels, and are spread over the rows here. Byte strings
/// are copied straight from native memory into one <see cref="ByteArrayBuffer"/>, without an object per value.
/// </summary>
internal static class ColumnChunkReader
{
    private const int BatchSize = 4096;

    public static Column Read(Native.RowGroupReader group, int leaf, ColumnDescriptor descriptor, int rows)
    {
        using var reader = group.Column(leaf);
        using var chunk = group.MetaData.GetColumnChunkMetaData(leaf);
        // The chunk's decoded size (values plus a little page overhead) sizes the buffer of byte strings once.
        var byteHint = (int)Math.Clamp(chunk.TotalUncompressedSize, 16, Array.MaxLength / 2);
        return descriptor.PhysicalType switch
        {
            PhysicalType.Boolean => ReadFixed<bool>((Native.ColumnReader<bool>)reader, descriptor, rows),
            PhysicalType.Int32 => ReadFixed<int>((Native.ColumnReader<int>)reader, descriptor, rows),
            PhysicalType.Int64 => ReadFixed<long>((Native.ColumnReader<long>)reader, descriptor, rows),
            PhysicalType.Float => ReadFixed<float>((Native.ColumnReader<float>)reader, descriptor, rows),
            PhysicalType.Double => ReadFixed<double>((Native.ColumnReader<double>)reader, descriptor, rows),
            PhysicalType.ByteArray => ReadBinary((Native.ColumnReader<Native.ByteArray>)reader, descriptor, rows, byteHint, v => Bytes(v.Pointer, v.Length)),
            PhysicalType.FixedLenByteArray => ReadBinary((Native.ColumnReader<Native.FixedLenByteArray>)reader, descriptor, rows, rows * descriptor.TypeLength, v => Bytes(v.Pointer, descriptor.TypeLength)),
            PhysicalType.Int96 => ReadInt96((Native.ColumnReader<Native.Int96>)reader, descriptor, rows),
            _ => throw new ParquetFormatException($"physical type {descriptor.PhysicalType} is not supported."),
        };
    }

    private static PrimitiveColumn<T> ReadFixed<T>(Native.ColumnReader<T> reader, ColumnDescriptor descriptor, int rows) where T : unmanaged
    {
        var (values, defined) = ReadValues(reader, descriptor, rows);
        return new PrimitiveColumn<T>(descriptor, values, defined);
    }

    private delegate ReadOnlySpan<byte> ValueBytes<T>(T value);

    /// <summary>Reads byte strings in batches; each batch's values point into native memory, valid until the next batch.</summary>
    private static BinaryColumn ReadBinary<T>(Native.ColumnReader<T> reader, ColumnDescriptor descriptor, int rows, int byteHint, ValueBytes<T> bytes) where T : unmanaged
    {
        var buffer = new ByteArrayBuffer(rows, byteHint);
        var levels = new short[BatchSize];
        var values = new T[BatchSize];
        var defined = descriptor.Nullable ? new bool[rows] : null;
        var row = 0;
        while (row < rows && reader.HasNext)
        {
            var want = Math.Min(BatchSize, rows - row);
            long read;
            var batch = defined is null
                ? reader.ReadBatch(want, values.AsSpan(0, want), out read)
                : reader.ReadBatch(want, levels.AsSpan(0, want), default, values.AsSpan(0, want), out read);
            if (defined is null) batch = read;
            if (batch == 0) break;
            var next = 0;
            for (var i = 0; i < batch; i++, row++)
            {
                if (defined is not null && levels[i] == 0)
                {
                    buffer.Reserve(0);
                    continue;
                }
                if (defined is not null) defined[row] = true;
                buffer.Add(bytes(values[next++]));
            }
        }
        CheckComplete(reader, row, rows);
        return new BinaryColumn(descriptor, buffer, defined is null || Array.IndexOf(defined, false) < 0 ? null : defined);
    }

    private static BinaryColumn ReadInt96(Native.ColumnReader<Native.Int96> reader, ColumnDescriptor descriptor, int rows)
    {
        var (values, defined) = ReadValues(reader, descriptor, rows);
        var buffer = new ByteArrayBuffer(rows, rows * 12);
        for (var i = 0; i < rows; i++)
        {
            if (defined is not null && !defined[i]) buffer.Reserve(0);
            else buffer.Add(MemoryMarshal.AsBytes(values.AsSpan(i, 1)));
        }
        return new BinaryColumn(descriptor, buffer, defined);
    }

    private static (T[] Values, bool[]? Defined) ReadValues<T>(Native.ColumnReader<T> reader, ColumnDescriptor descriptor, int rows) where T : unmanaged
    {
        var values = new T[rows];
        var levels = descriptor.Nullable ? new short[rows] : null;
        var (levelCount, valueCount) = (0, 0);
        while (levelCount < rows && reader.HasNext)
        {
            long read;
            var batch = levels is null
                ? reader.ReadBatch(rows - levelCount, values.AsSpan(valueCount), out read)
                : reader.ReadBatch(rows - levelCount, levels.AsSpan(levelCount), default, values.AsSpan(valueCount), out read);
            if (batch == 0) break;
            levelCount += (int)(levels is null ? read : batch);
            valueCount += (int)read;
        }
        CheckComplete(reader, levelCount, rows);
        return (values, levels is null ? null : Spread(values, levels, valueCount));
    }

    /// <summary>Moves packed values to their rows (back to front, in place) and returns the presence flags, or null when all rows are present.</summary>
    private static bool[]? Spread<T>(T[] values, short[] levels, int valueCount)
    {
        if (valueCount == values.Length) return null;
        var defined = new bool[values.Length];
        var next = valueCount - 1;
        for (var row = values.Length - 1; row >= 0; row--)
        {
            if (levels[row] != 0)
            {
                values[row] = values[next--];
                defined[row] = true;
            }
            else
            {
                values[row] = default!;
            }
        }
        if (next != -1) throw new ParquetFormatException($"{valueCount} values do not match the definition levels.");
        return defined;
    }

    private static void CheckComplete(Native.ColumnReader reader, int read, int rows)
    {
        if (read < rows)
            throw new ParquetFormatException($"the column chunk holds {read} values for {rows} rows.");
        if (reader.HasNext)
            throw new ParquetFormatException($"the column chunk holds more values than its {rows} rows.");
    }

    private static unsafe ReadOnlySpan<byte> Bytes(IntPtr pointer, int length) =>
        length == 0 ? [] : new ReadOnlySpan<byte>((void*)pointer, length);
}
