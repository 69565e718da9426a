using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid encoding (definition and repetition levels, dictionary indices,
/// RLE booleans). The data is a sequence of runs, each introduced by a ULEB128 header:
/// <c>count &lt;&lt; 1</c> for an RLE run followed by the value in ceil(width / 8) little-endian bytes,
/// or <c>groups &lt;&lt; 1 | 1</c> for a bit-packed run of groups * 8 values in groups * width bytes.
/// Any length prefix in front of the runs (data page v1 levels) is the caller's business.
/// </summary>
internal static class RleBitPackedHybrid
{
    private const string What = "RLE/bit-packed";
    private const int MaxGroupsPerRun = 63;

    /// <summary>Number of bits needed for values 0..<paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidthOf(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return 32 - BitOperations.LeadingZeroCount((uint)maxValue);
    }

    /// <summary>Decodes exactly <c>output.Length</c> values.</summary>
    public static void Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if ((uint)bitWidth > 32)
            throw new ParquetFormatException($"{What}: bit width {bitWidth} is outside 0..32.");
        var valueBytes = (bitWidth + 7) / 8;
        var pos = 0;
        var done = 0;
        while (done < output.Length)
        {
            var remaining = output.Length - done;
            var headerAt = pos;
            var header = VarInt.ReadULeb128(data, ref pos, 32, What);
            var length = header >> 1;
            if ((header & 1) == 0)
            {
                if (length == 0)
                    throw new ParquetFormatException($"{What}: empty RLE run at byte {headerAt}.");
                if (data.Length - pos < valueBytes)
                    throw new ParquetFormatException($"{What}: data ends inside the value of the RLE run at byte {headerAt}.");
                var value = ReadRunValue(data.Slice(pos, valueBytes));
                if (bitWidth < 32 && value >> bitWidth != 0)
                    throw new ParquetFormatException(
                        $"{What}: RLE run value {value} at byte {headerAt} does not fit in {bitWidth} bits.");
                pos += valueBytes;
                // Writers may end a page with a run longer than the values left (DuckDB does); take what is needed.
                var runCount = (int)Math.Min(length, (ulong)remaining);
                output.Slice(done, runCount).Fill((int)value);
                done += runCount;
            }
            else
            {
                // The last run may declare more groups than the values left (DuckDB pads to 256 values); only
                // the values needed are decoded.
                if (length == 0)
                    throw new ParquetFormatException($"{What}: empty bit-packed run at byte {headerAt}.");
                var count = (int)Math.Min((long)length * 8, remaining);
                // Require the bytes of the values used; a writer may drop the padding of the final group.
                var needed = (int)(((long)count * bitWidth + 7) / 8);
                if (data.Length - pos < needed)
                    throw new ParquetFormatException(
                        $"{What}: bit-packed run at byte {headerAt} needs {needed} bytes but only {data.Length - pos} remain.");
                BitUnpacking.Unpack(data.Slice(pos, needed), bitWidth, output.Slice(done, count));
                pos += (int)Math.Min((long)length * bitWidth, data.Length - pos);
                done += count;
            }
        }
    }

    /// <summary>
    /// Encodes <paramref name="values"/> (each in 0..2^bitWidth - 1): runs of 8 or more equal values become
    /// RLE runs, everything else bit-packed groups of 8 (the last one zero-padded), as Arrow's encoder does.
    /// </summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bitWidth, 32u, nameof(bitWidth));
        var max = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        var pos = 0;
        var packedStart = 0; // values [packedStart, pos) wait to be bit-packed
        while (pos < values.Length)
        {
            var value = values[pos];
            if ((uint)value > max)
                throw new ArgumentOutOfRangeException(nameof(values), $"Value {value} does not fit in {bitWidth} bits.");
            var end = pos + 1;
            while (end < values.Length && values[end] == value) end++;
            var run = end - pos;
            if (run >= 8)
            {
                // A bit-packed run must hold whole groups, so lend it values from this run to complete its last group.
                var pending = pos - packedStart;
                var lend = (8 - pending % 8) % 8;
                if (run - lend >= 8)
                {
                    if (pending > 0) WriteBitPacked(values[packedStart..(pos + lend)], bitWidth, output);
                    WriteRle(value, run - lend, bitWidth, output);
                    packedStart = end;
                }
            }
            pos = end;
        }
        if (packedStart < values.Length) WriteBitPacked(values[packedStart..], bitWidth, output);
    }

    private static uint ReadRunValue(ReadOnlySpan<byte> bytes)
    {
        Span<byte> four = stackalloc byte[4];
        four.Clear();
        bytes.CopyTo(four);
        return BinaryPrimitives.ReadUInt32LittleEndian(four);
    }

    private static void WriteRle(int value, int count, int bitWidth, IBufferWriter<byte> output)
    {
        VarInt.WriteULeb128(output, (ulong)count << 1);
        var valueBytes = (bitWidth + 7) / 8;
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
        output.Advance(valueBytes);
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        // At most 63 groups per run, as parquet-mr and Arrow write: a one-byte header every reader accepts.
        for (var start = 0; start < values.Length; start += MaxGroupsPerRun * 8)
        {
            var chunk = values.Slice(start, Math.Min(MaxGroupsPerRun * 8, values.Length - start));
            var groups = (chunk.Length + 7) / 8;
            VarInt.WriteULeb128(output, ((ulong)groups << 1) | 1);
            var size = groups * bitWidth;
            var span = output.GetSpan(size)[..size];
            span.Clear();
            var packer = new BitPacker(span, bitWidth);
            foreach (var v in chunk) packer.Add((uint)v);
            packer.Flush();
            output.Advance(size);
        }
    }
}
