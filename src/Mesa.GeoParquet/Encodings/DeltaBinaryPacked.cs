using System.Buffers;
using System.Numerics;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED for INT32 and INT64 columns. The writer uses parquet-mr's and Arrow's layout:
/// blocks of 128 deltas in 4 miniblocks of 32, deltas computed with wrap-around in the column's own width
/// so INT32 miniblocks never need more than 32 bits. Decoding lives in <see cref="DeltaBinaryPackedReader"/>.
/// </summary>
internal static class DeltaBinaryPacked
{
    private const string What = "DELTA_BINARY_PACKED";
    private const int BlockSize = 128;
    private const int Miniblocks = 4;
    private const int MiniblockSize = BlockSize / Miniblocks;

    /// <summary>Decodes <c>output.Length</c> values; returns the bytes the whole encoded run takes.</summary>
    public static int DecodeInt32(ReadOnlySpan<byte> data, Span<int> output) => Decode(data, output);

    /// <summary>Decodes <c>output.Length</c> values; returns the bytes the whole encoded run takes.</summary>
    public static int DecodeInt64(ReadOnlySpan<byte> data, Span<long> output) => Decode(data, output);

    public static void EncodeInt32(ReadOnlySpan<int> values, IBufferWriter<byte> output) => Encode(values, output);

    public static void EncodeInt64(ReadOnlySpan<long> values, IBufferWriter<byte> output) => Encode(values, output);

    private static int Decode<T>(ReadOnlySpan<byte> data, Span<T> output) where T : unmanaged, IBinaryInteger<T>
    {
        // A page without values may come without a header at all; there is nothing to check then.
        if (output.IsEmpty && data.IsEmpty) return 0;
        var reader = new DeltaBinaryPackedReader(data, What);
        if (reader.TotalCount < output.Length)
            throw new ParquetFormatException($"{What}: header declares {reader.TotalCount} values but {output.Length} are expected.");
        reader.Read(output);
        return reader.SkipToEnd();
    }

    private static void Encode<T>(ReadOnlySpan<T> values, IBufferWriter<byte> output) where T : unmanaged, IBinaryInteger<T>
    {
        VarInt.WriteULeb128(output, BlockSize);
        VarInt.WriteULeb128(output, Miniblocks);
        VarInt.WriteULeb128(output, (ulong)values.Length);
        VarInt.WriteZigZag(output, values.IsEmpty ? 0 : long.CreateTruncating(values[0]));

        Span<long> deltas = stackalloc long[BlockSize];
        for (var start = 1; start < values.Length; start += BlockSize)
        {
            var count = Math.Min(BlockSize, values.Length - start);
            var block = deltas[..count];
            var minDelta = long.MaxValue;
            for (var i = 0; i < count; i++)
            {
                // T's own subtraction wraps at T's width, as the spec requires; widening afterwards keeps it exact.
                var delta = long.CreateTruncating(values[start + i] - values[start + i - 1]);
                block[i] = delta;
                minDelta = Math.Min(minDelta, delta);
            }
            WriteBlock(block, minDelta, output);
        }
    }

    private static void WriteBlock(ReadOnlySpan<long> deltas, long minDelta, IBufferWriter<byte> output)
    {
        VarInt.WriteZigZag(output, minDelta);
        var used = (deltas.Length + MiniblockSize - 1) / MiniblockSize;
        Span<int> widths = stackalloc int[Miniblocks];
        var widthBytes = output.GetSpan(Miniblocks);
        for (var m = 0; m < Miniblocks; m++)
        {
            // Unused miniblocks of the last block get width 0 and no data, as the spec allows.
            ulong bits = 0;
            if (m < used)
                foreach (var delta in Miniblock(deltas, m)) bits |= (ulong)(delta - minDelta);
            widths[m] = 64 - BitOperations.LeadingZeroCount(bits);
            widthBytes[m] = (byte)widths[m];
        }
        output.Advance(Miniblocks);

        for (var m = 0; m < used; m++)
        {
            // Every miniblock is written at full size; the last one is zero-padded as the spec requires.
            var size = MiniblockSize / 8 * widths[m];
            var span = output.GetSpan(size)[..size];
            span.Clear();
            var packer = new BitPacker(span, widths[m]);
            // Subtracting the minimum with wrap-around gives the exact unsigned offset even when it spans 2^63 or more.
            foreach (var delta in Miniblock(deltas, m)) packer.Add((ulong)(delta - minDelta));
            packer.Flush();
            output.Advance(size);
        }
    }

    private static ReadOnlySpan<long> Miniblock(ReadOnlySpan<long> deltas, int index)
    {
        var start = index * MiniblockSize;
        return deltas.Slice(start, Math.Min(MiniblockSize, deltas.Length - start));
    }
}
