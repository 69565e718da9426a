using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// Unpacks little-endian, LSB-first bit-packed integers (the layout shared by the RLE hybrid and the
/// DELTA miniblocks). Hot path: each width 1..31 gets its own JIT-specialised, unrolled group-of-8
/// routine built from 64-bit unaligned loads, so a group costs a handful of shifts and no branches.
/// </summary>
internal static class BitUnpacking
{
    /// <summary>
    /// Unpacks <c>dst.Length</c> values of <paramref name="bitWidth"/> (0..32) bits. <paramref name="src"/> must
    /// hold at least ceil(count * width / 8) bytes; the caller validates that against the file.
    /// </summary>
    public static void Unpack(ReadOnlySpan<byte> src, int bitWidth, Span<int> dst)
    {
        if ((uint)bitWidth > 32) throw new ArgumentOutOfRangeException(nameof(bitWidth));
        if (((long)dst.Length * bitWidth + 7) / 8 > src.Length)
            throw new ArgumentException("Source too short for the values requested.", nameof(src));
        switch (bitWidth)
        {
            case 0: dst.Clear(); return;
            case 1: Unpack<W1>(src, dst); return;
            case 2: Unpack<W2>(src, dst); return;
            case 3: Unpack<W3>(src, dst); return;
            case 4: Unpack<W4>(src, dst); return;
            case 5: Unpack<W5>(src, dst); return;
            case 6: Unpack<W6>(src, dst); return;
            case 7: Unpack<W7>(src, dst); return;
            case 8: Unpack<W8>(src, dst); return;
            case 9: Unpack<W9>(src, dst); return;
            case 10: Unpack<W10>(src, dst); return;
            case 11: Unpack<W11>(src, dst); return;
            case 12: Unpack<W12>(src, dst); return;
            case 13: Unpack<W13>(src, dst); return;
            case 14: Unpack<W14>(src, dst); return;
            case 15: Unpack<W15>(src, dst); return;
            case 16: Unpack<W16>(src, dst); return;
            case 17: Unpack<W17>(src, dst); return;
            case 18: Unpack<W18>(src, dst); return;
            case 19: Unpack<W19>(src, dst); return;
            case 20: Unpack<W20>(src, dst); return;
            case 21: Unpack<W21>(src, dst); return;
            case 22: Unpack<W22>(src, dst); return;
            case 23: Unpack<W23>(src, dst); return;
            case 24: Unpack<W24>(src, dst); return;
            case 25: Unpack<W25>(src, dst); return;
            case 26: Unpack<W26>(src, dst); return;
            case 27: Unpack<W27>(src, dst); return;
            case 28: Unpack<W28>(src, dst); return;
            case 29: Unpack<W29>(src, dst); return;
            case 30: Unpack<W30>(src, dst); return;
            case 31: Unpack<W31>(src, dst); return;
            case 32:
                var bytes = src[..(dst.Length * 4)];
                if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, int>(bytes).CopyTo(dst);
                else for (var i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
                return;
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of 0..64 bits (DELTA_BINARY_PACKED miniblocks).</summary>
    public static void Unpack(ReadOnlySpan<byte> src, int bitWidth, Span<ulong> dst)
    {
        if ((uint)bitWidth > 64) throw new ArgumentOutOfRangeException(nameof(bitWidth));
        if (((long)dst.Length * bitWidth + 7) / 8 > src.Length)
            throw new ArgumentException("Source too short for the values requested.", nameof(src));
        if (bitWidth <= 32)
        {
            // Reuse the specialised 32-bit path in chunks of 64 values (a chunk is 8 * width bytes, so chunks stay byte aligned).
            Span<int> chunk = stackalloc int[64];
            for (var done = 0; done < dst.Length; done += 64)
            {
                var n = Math.Min(64, dst.Length - done);
                Unpack(src[(done / 8 * bitWidth)..], bitWidth, chunk[..n]);
                for (var i = 0; i < n; i++) dst[done + i] = (uint)chunk[i];
            }
            return;
        }

        // Wide deltas are rare (only int64 columns with huge jumps): a plain per-value loop is enough.
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        Span<byte> pad = stackalloc byte[9];
        for (var i = 0; i < dst.Length; i++)
        {
            var bit = (long)i * bitWidth;
            var offset = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            scoped ReadOnlySpan<byte> p;
            if (offset + 9 <= src.Length) p = src.Slice(offset, 9);
            else
            {
                pad.Clear();
                src[offset..].CopyTo(pad);
                p = pad;
            }
            var v = BinaryPrimitives.ReadUInt64LittleEndian(p) >> shift;
            if (shift + bitWidth > 64) v |= (ulong)p[8] << (64 - shift);
            dst[i] = v & mask;
        }
    }

    private static void Unpack<TWidth>(ReadOnlySpan<byte> src, Span<int> dst) where TWidth : struct, IWidth
    {
        var w = TWidth.Value;
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        var groups = dst.Length >> 3;
        // Group g reads at most bytes [g*w, g*w + w + 7); stop the fast loop where that could pass the end.
        var safeGroups = src.Length >= 8 ? Math.Min(groups, (src.Length - 8) / w) : 0;
        for (var g = 0; g < safeGroups; g++)
            Unpack8<TWidth>(ref Unsafe.Add(ref s, g * w), ref Unsafe.Add(ref d, g * 8));

        // Tail: copy each remaining group into a zero-padded buffer so the same routine can read it safely.
        Span<byte> padded = stackalloc byte[40];
        Span<int> values = stackalloc int[8];
        for (var done = safeGroups * 8; done < dst.Length; done += 8)
        {
            var start = done / 8 * w;
            padded.Clear();
            src.Slice(start, Math.Min(w, src.Length - start)).CopyTo(padded);
            Unpack8<TWidth>(ref MemoryMarshal.GetReference(padded), ref MemoryMarshal.GetReference(values));
            values[..Math.Min(8, dst.Length - done)].CopyTo(dst[done..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack8<TWidth>(ref byte s, ref int d) where TWidth : struct, IWidth
    {
        // TWidth.Value is a JIT-time constant, so every shift, offset and mask below folds to an immediate.
        var w = TWidth.Value;
        var mask = (1UL << w) - 1;
        if (w <= 8)
        {
            var v = Load(ref s);
            d = (int)(v & mask);
            Unsafe.Add(ref d, 1) = (int)((v >> w) & mask);
            Unsafe.Add(ref d, 2) = (int)((v >> (2 * w)) & mask);
            Unsafe.Add(ref d, 3) = (int)((v >> (3 * w)) & mask);
            Unsafe.Add(ref d, 4) = (int)((v >> (4 * w)) & mask);
            Unsafe.Add(ref d, 5) = (int)((v >> (5 * w)) & mask);
            Unsafe.Add(ref d, 6) = (int)((v >> (6 * w)) & mask);
            Unsafe.Add(ref d, 7) = (int)((v >> (7 * w)) & mask);
        }
        else
        {
            d = (int)(Load(ref s) & mask);
            Unsafe.Add(ref d, 1) = (int)((Load(ref Unsafe.Add(ref s, w >> 3)) >> (w & 7)) & mask);
            Unsafe.Add(ref d, 2) = (int)((Load(ref Unsafe.Add(ref s, (2 * w) >> 3)) >> ((2 * w) & 7)) & mask);
            Unsafe.Add(ref d, 3) = (int)((Load(ref Unsafe.Add(ref s, (3 * w) >> 3)) >> ((3 * w) & 7)) & mask);
            Unsafe.Add(ref d, 4) = (int)((Load(ref Unsafe.Add(ref s, (4 * w) >> 3)) >> ((4 * w) & 7)) & mask);
            Unsafe.Add(ref d, 5) = (int)((Load(ref Unsafe.Add(ref s, (5 * w) >> 3)) >> ((5 * w) & 7)) & mask);
            Unsafe.Add(ref d, 6) = (int)((Load(ref Unsafe.Add(ref s, (6 * w) >> 3)) >> ((6 * w) & 7)) & mask);
            Unsafe.Add(ref d, 7) = (int)((Load(ref Unsafe.Add(ref s, (7 * w) >> 3)) >> ((7 * w) & 7)) & mask);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(ref byte p)
    {
        var v = Unsafe.ReadUnaligned<ulong>(ref p);
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    private interface IWidth
    {
        static abstract int Value { get; }
    }

    private struct W1 : IWidth { public static int Value => 1; }
    private struct W2 : IWidth { public static int Value => 2; }
    private struct W3 : IWidth { public static int Value => 3; }
    private struct W4 : IWidth { public static int Value => 4; }
    private struct W5 : IWidth { public static int Value => 5; }
    private struct W6 : IWidth { public static int Value => 6; }
    private struct W7 : IWidth { public static int Value => 7; }
    private struct W8 : IWidth { public static int Value => 8; }
    private struct W9 : IWidth { public static int Value => 9; }
    private struct W10 : IWidth { public static int Value => 10; }
    private struct W11 : IWidth { public static int Value => 11; }
    private struct W12 : IWidth { public static int Value => 12; }
    private struct W13 : IWidth { public static int Value => 13; }
    private struct W14 : IWidth { public static int Value => 14; }
    private struct W15 : IWidth { public static int Value => 15; }
    private struct W16 : IWidth { public static int Value => 16; }
    private struct W17 : IWidth { public static int Value => 17; }
    private struct W18 : IWidth { public static int Value => 18; }
    private struct W19 : IWidth { public static int Value => 19; }
    private struct W20 : IWidth { public static int Value => 20; }
    private struct W21 : IWidth { public static int Value => 21; }
    private struct W22 : IWidth { public static int Value => 22; }
    private struct W23 : IWidth { public static int Value => 23; }
    private struct W24 : IWidth { public static int Value => 24; }
    private struct W25 : IWidth { public static int Value => 25; }
    private struct W26 : IWidth { public static int Value => 26; }
    private struct W27 : IWidth { public static int Value => 27; }
    private struct W28 : IWidth { public static int Value => 28; }
    private struct W29 : IWidth { public static int Value => 29; }
    private struct W30 : IWidth { public static int Value => 30; }
    private struct W31 : IWidth { public static int Value => 31; }
}
