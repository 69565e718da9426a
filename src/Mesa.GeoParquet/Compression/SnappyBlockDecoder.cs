using System.Buffers.Binary;

namespace Mesa.GeoParquet.Compression;

/// <summary>
/// Decodes one raw snappy block straight into the caller's buffer. Every length and offset is checked
/// against both buffers, so hostile input can neither allocate nor read or write out of bounds.
/// </summary>
internal static class SnappyBlockDecoder
{
    public static void Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        // The declared size is compared before any decoding so a lying preamble costs nothing.
        var declared = ReadPreamble(input, out var position);
        if (declared != (ulong)output.Length)
            throw new ParquetFormatException($"SNAPPY data declares {declared} decompressed bytes but the page header says {output.Length}.");

        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            int length;
            long offset;
            switch (tag & 3)
            {
                case 0:
                    length = ReadLiteralLength(input, tag, ref position);
                    if (length > input.Length - position)
                        throw Corrupt("a literal runs past the end of the input");
                    if (length > output.Length - written)
                        throw Corrupt($"it decompresses to more than the declared {output.Length} bytes");
                    input.Slice(position, length).CopyTo(output[written..]);
                    position += length;
                    written += length;
                    continue;
                case 1:
                    if (position >= input.Length) throw Corrupt("a copy tag is cut off");
                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag & 0xE0) << 3) | input[position++];
                    break;
                case 2:
                    if (input.Length - position < 2) throw Corrupt("a copy tag is cut off");
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[position..]);
                    position += 2;
                    break;
                default:
                    if (input.Length - position < 4) throw Corrupt("a copy tag is cut off");
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
                    position += 4;
                    break;
            }
            if (offset == 0 || offset > written)
                throw Corrupt($"a copy refers to offset {offset} with only {written} bytes decoded");
            if (length > output.Length - written)
                throw Corrupt($"it decompresses to more than the declared {output.Length} bytes");
            CopyMatch(output, written, (int)offset, length);
            written += length;
        }
        if (written != output.Length)
            throw Corrupt($"it ends after {written} of the declared {output.Length} bytes");
    }

    /// <summary>Reads the little-endian base-128 varint holding the decompressed length (at most 32 bits).</summary>
    private static ulong ReadPreamble(ReadOnlySpan<byte> input, out int position)
    {
        ulong value = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= input.Length) throw Corrupt("the length preamble is cut off");
            var b = input[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80 && value <= uint.MaxValue)
            {
                position = i + 1;
                return value;
            }
            if (b < 0x80) break;
        }
        throw Corrupt("the length preamble is not a valid 32-bit varint");
    }

    private static int ReadLiteralLength(ReadOnlySpan<byte> input, byte tag, ref int position)
    {
        var length = tag >> 2;
        if (length < 60) return length + 1;
        // Tags 60..63 put length-1 in the next 1..4 little-endian bytes.
        var count = length - 59;
        if (input.Length - position < count) throw Corrupt("a literal length is cut off");
        long value = 0;
        for (var i = 0; i < count; i++) value |= (long)input[position + i] << (8 * i);
        position += count;
        // Anything this long cannot fit the output anyway; clamping keeps the int arithmetic safe.
        return (int)Math.Min(value + 1, int.MaxValue);
    }

    private static void CopyMatch(Span<byte> output, int written, int offset, int length)
    {
        var source = written - offset;
        if (offset >= length)
        {
            output.Slice(source, length).CopyTo(output[written..]);
            return;
        }
        // Overlapping copies repeat the last `offset` bytes, so they must go forward byte by byte.
        for (var i = 0; i < length; i++) output[written + i] = output[source + i];
    }

    private static ParquetFormatException Corrupt(string problem) => new($"SNAPPY data is corrupt: {problem}.");
}
