using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// PLAIN encoding: booleans bit-packed LSB first, fixed-width numbers little-endian back to back,
/// BYTE_ARRAY as 4-byte little-endian length + bytes, FIXED_LEN_BYTE_ARRAY as bytes only.
/// Numeric values are copied as raw memory, so the host must be little-endian (every .NET platform in use is).
/// </summary>
internal static class PlainEncoding
{
    private const string What = "PLAIN";

    /// <summary>Decodes <c>output.Length</c> booleans; returns the bytes consumed.</summary>
    public static int DecodeBooleans(ReadOnlySpan<byte> data, Span<bool> output)
    {
        var bytes = (int)(((long)output.Length + 7) / 8);
        if (data.Length < bytes)
            throw new ParquetFormatException($"{What}: {output.Length} booleans need {bytes} bytes but only {data.Length} remain.");
        for (var i = 0; i < output.Length; i++) output[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
        return bytes;
    }

    /// <summary>Decodes <c>output.Length</c> little-endian values (int, long, float, double...); returns the bytes consumed.</summary>
    public static int DecodeFixed<T>(ReadOnlySpan<byte> data, Span<T> output) where T : unmanaged
    {
        var bytes = (long)output.Length * Unsafe.SizeOf<T>();
        if (data.Length < bytes)
            throw new ParquetFormatException(
                $"{What}: {output.Length} values of {Unsafe.SizeOf<T>()} bytes need {bytes} bytes but only {data.Length} remain.");
        data[..(int)bytes].CopyTo(MemoryMarshal.AsBytes(output));
        return (int)bytes;
    }

    /// <summary>Appends <paramref name="count"/> length-prefixed byte strings to <paramref name="output"/>; returns the bytes consumed.</summary>
    public static int DecodeByteArrays(ReadOnlySpan<byte> data, int count, ByteArrayBuffer output)
    {
        // Every value has a 4-byte prefix, so a count beyond data.Length / 4 is a lie; checking first bounds the reservation below.
        if (count < 0 || count > data.Length / 4)
            throw new ParquetFormatException($"{What}: {count} byte arrays cannot fit in {data.Length} bytes.");
        output.EnsureCapacity(count, data.Length - count * 4);
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - pos < 4)
                throw new ParquetFormatException($"{What}: data ends inside the length of byte array {i} of {count}.");
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
            pos += 4;
            if (length < 0 || length > data.Length - pos)
                throw new ParquetFormatException(
                    $"{What}: byte array {i} of {count} has length {length} but only {data.Length - pos} bytes remain.");
            output.Add(data.Slice(pos, length));
            pos += length;
        }
        return pos;
    }

    /// <summary>Appends <paramref name="count"/> values of <paramref name="width"/> bytes; returns the bytes consumed.</summary>
    public static int DecodeFixedLenByteArrays(ReadOnlySpan<byte> data, int count, int width, ByteArrayBuffer output)
    {
        if (width <= 0)
            throw new ParquetFormatException($"{What}: FIXED_LEN_BYTE_ARRAY width {width} must be positive.");
        var bytes = (long)count * width;
        if (count < 0 || bytes > data.Length)
            throw new ParquetFormatException(
                $"{What}: {count} values of {width} bytes need {bytes} bytes but only {data.Length} remain.");
        output.EnsureCapacity(count, (int)bytes);
        for (var i = 0; i < count; i++) output.Add(data.Slice(i * width, width));
        return (int)bytes;
    }

    public static void EncodeBooleans(ReadOnlySpan<bool> values, IBufferWriter<byte> output)
    {
        var bytes = (values.Length + 7) / 8;
        var span = output.GetSpan(bytes)[..bytes];
        span.Clear();
        for (var i = 0; i < values.Length; i++)
            if (values[i]) span[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(bytes);
    }

    public static void EncodeFixed<T>(ReadOnlySpan<T> values, IBufferWriter<byte> output) where T : unmanaged =>
        output.Write(MemoryMarshal.AsBytes(values));

    /// <summary>Writes <c>values[rows[i]]</c> for each i, each with its 4-byte length prefix.</summary>
    public static void EncodeByteArrays(ByteArrayBuffer values, ReadOnlySpan<int> rows, IBufferWriter<byte> output)
    {
        foreach (var row in rows)
        {
            var value = values[row];
            var span = output.GetSpan(4 + value.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
            value.CopyTo(span[4..]);
            output.Advance(4 + value.Length);
        }
    }

    /// <summary>Writes <c>values[rows[i]]</c> for each i; all must have the same length (the column's type length).</summary>
    public static void EncodeFixedLenByteArrays(ByteArrayBuffer values, ReadOnlySpan<int> rows, IBufferWriter<byte> output)
    {
        if (rows.IsEmpty) return;
        var width = values[rows[0]].Length;
        foreach (var row in rows)
        {
            var value = values[row];
            if (value.Length != width)
                throw new ArgumentException(
                    $"FIXED_LEN_BYTE_ARRAY value at row {row} has {value.Length} bytes, expected {width}.", nameof(values));
            output.Write(value);
        }
    }
}
