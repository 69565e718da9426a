using System.Runtime.Intrinsics;

namespace Mesa.Tiles.Png;

/// <summary>
/// Palette indexes packed at the smallest bit depth PNG allows for the palette (1, 2, 4 or 8 bits, leftmost pixel in
/// the high bits, each line starting on a byte): a tile of a few colours has a half to an eighth of the bytes to
/// filter and deflate.
/// </summary>
public static class IndexPacking
{
    public static int BitDepth(int colours) => colours switch
    {
        <= 2 => 1,
        <= 4 => 2,
        <= 16 => 4,
        _ => 8,
    };

    public static int LineBytes(int width, int bitDepth) => (width * bitDepth + 7) / 8;

    /// <param name="buffer">Scratch space, grown as needed and reused; the result lives in it.</param>
    /// <returns>The packed lines, <see cref="LineBytes"/> each.</returns>
    public static ReadOnlySpan<byte> Pack(ReadOnlySpan<byte> indexes, int width, int height, int bitDepth, ref byte[] buffer)
    {
        if (buffer.Length < indexes.Length) buffer = new byte[indexes.Length];
        var lineBytes = LineBytes(width, bitDepth);
        if (bitDepth == 8)
        {
            indexes.CopyTo(buffer);
            return buffer.AsSpan(0, indexes.Length);
        }
        if (width * bitDepth % 8 != 0)
        {
            PackLineByLine(indexes, width, height, bitDepth, buffer.AsSpan(0, lineBytes * height));
            return buffer.AsSpan(0, lineBytes * height);
        }
        // Lines fill whole bytes, so the image packs as one run: each halving pass joins neighbouring values,
        // which never straddle a line.
        indexes.CopyTo(buffer);
        var length = indexes.Length;
        for (var bits = bitDepth; bits < 8; bits *= 2, length /= 2) JoinPairs(buffer.AsSpan(0, length), bits);
        return buffer.AsSpan(0, length);
    }

    // values[i] = values[2i] << shift | values[2i + 1], in place, for the first half.
    private static void JoinPairs(Span<byte> values, int shift)
    {
        var i = 0;
        for (; i + 32 <= values.Length; i += 32)
        {
            // Each 16-bit lane holds a pair, the first value in its low byte.
            var low = Vector128.Create(values.Slice(i, 16)).AsUInt16();
            var high = Vector128.Create(values.Slice(i + 16, 16)).AsUInt16();
            Vector128.Narrow((low << shift) | (low >> 8), (high << shift) | (high >> 8)).CopyTo(values[(i / 2)..]);
        }
        for (; i + 1 < values.Length; i += 2) values[i / 2] = (byte)(values[i] << shift | values[i + 1]);
    }

    private static void PackLineByLine(ReadOnlySpan<byte> indexes, int width, int height, int bitDepth, Span<byte> packed)
    {
        packed.Clear();
        var lineBytes = LineBytes(width, bitDepth);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bit = x * bitDepth;
                packed[y * lineBytes + bit / 8] |= (byte)(indexes[y * width + x] << (8 - bitDepth - bit % 8));
            }
        }
    }
}
