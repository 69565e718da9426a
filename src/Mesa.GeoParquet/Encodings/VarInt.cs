using System.Buffers;

namespace Mesa.GeoParquet.Encodings;

/// <summary>ULEB128 and zigzag integers, as used by the RLE and DELTA encodings.</summary>
internal static class VarInt
{
    /// <summary>
    /// Reads an unsigned LEB128 integer of at most <paramref name="maxBits"/> bits at <paramref name="pos"/>;
    /// overlong or truncated encodings throw, so a hostile header can neither overflow nor read past the data.
    /// </summary>
    public static ulong ReadULeb128(ReadOnlySpan<byte> data, ref int pos, int maxBits, string what)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length)
                throw new ParquetFormatException($"{what}: data ends inside a ULEB128 integer at byte {pos}.");
            var b = data[pos++];
            ulong chunk = (ulong)(b & 0x7F);
            var room = maxBits - shift;
            if (room <= 0 || (room < 7 && chunk >> room != 0))
                throw new ParquetFormatException($"{what}: ULEB128 integer at byte {pos - 1} does not fit in {maxBits} bits.");
            result |= chunk << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>Reads a ULEB128 value that must be a non-negative int (a count or a size).</summary>
    public static int ReadCount(ReadOnlySpan<byte> data, ref int pos, string what, string field)
    {
        var start = pos;
        var value = ReadULeb128(data, ref pos, 64, what);
        if (value > int.MaxValue)
            throw new ParquetFormatException($"{what}: {field} {value} at byte {start} is larger than {int.MaxValue}.");
        return (int)value;
    }

    /// <summary>Reads a zigzag-encoded 64-bit signed integer.</summary>
    public static long ReadZigZag(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        var u = ReadULeb128(data, ref pos, 64, what);
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    public static void WriteULeb128(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        output.Advance(n);
    }

    public static void WriteZigZag(IBufferWriter<byte> output, long value) =>
        WriteULeb128(output, (ulong)((value << 1) ^ (value >> 63)));
}
