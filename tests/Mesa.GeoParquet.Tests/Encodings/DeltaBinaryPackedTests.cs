using System.Buffers;
using System.Diagnostics;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class DeltaBinaryPackedTests
{
    // Header of every stream our writer produces: block size 128 (ULEB 80 01), 4 miniblocks.
    private static readonly byte[] Header = [0x80, 0x01, 0x04];

    [Fact]
    public void SpecExampleOneToFiveHasOneBlockOfZeroWidthMiniblocks()
    {
        // count 5, first value 1 (zigzag 2); min delta 1 (zigzag 2); four widths of 0 and no miniblock bytes.
        byte[] expected = [.. Header, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];
        Assert.Equal(expected, Encode32([1, 2, 3, 4, 5]));
        Assert.Equal([1, 2, 3, 4, 5], Decode32(expected, 5));
    }

    [Fact]
    public void SpecExampleWithNegativeDeltasPacksOffsetsFromTheMinimum()
    {
        // Deltas -2,-2,-2,1,1,1,1; min -2 (zigzag 3); offsets 0,0,0,3,3,3,3 need 2 bits, so miniblock 0 is
        // 32 values * 2 bits = 8 bytes: 0xC0 (value 3 in bits 6-7), 0x3F (three 3s), then zero padding.
        byte[] expected =
        [
            .. Header, 0x08, 0x0E,
            0x03, 0x02, 0x00, 0x00, 0x00,
            0xC0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        Assert.Equal(expected, Encode32([7, 5, 3, 1, 2, 3, 4, 5]));
        Assert.Equal([7, 5, 3, 1, 2, 3, 4, 5], Decode32(expected, 8));
    }

    [Fact]
    public void Int32DeltasWrapAtThirtyTwoBits()
    {
        // MaxValue - MinValue wraps to -1: min delta -1 (zigzag 1), width 0. First value zigzag(MinValue) = 2^32 - 1.
        byte[] up = [.. Header, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x00, 0x00, 0x00, 0x00];
        Assert.Equal(up, Encode32([int.MinValue, int.MaxValue]));
        Assert.Equal([int.MinValue, int.MaxValue], Decode32(up, 2));

        // MinValue - MaxValue wraps to +1 (zigzag 2); zigzag(MaxValue) = 2^32 - 2.
        byte[] down = [.. Header, 0x02, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x02, 0x00, 0x00, 0x00, 0x00];
        Assert.Equal(down, Encode32([int.MaxValue, int.MinValue]));
        Assert.Equal([int.MaxValue, int.MinValue], Decode32(down, 2));
    }

    [Fact]
    public void DecodesOtherBlockLayouts()
    {
        // One miniblock of 128 values per block, then 256-value blocks of 8 miniblocks: both are valid layouts.
        Assert.Equal([1, 2, 3, 4, 5], Decode32([0x80, 0x01, 0x01, 0x05, 0x02, 0x02, 0x00], 5));
        byte[] wide = [0x80, 0x02, 0x08, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        Assert.Equal([0L, 1, 2], Decode64(wide, 3));
    }

    [Fact]
    public void EmptyInputWritesOnlyTheHeader()
    {
        byte[] expected = [.. Header, 0x00, 0x00];
        Assert.Equal(expected, Encode32([]));
        Assert.Equal(expected, Encode64([]));
        Assert.Equal(expected.Length, DeltaBinaryPacked.DecodeInt32(expected, Span<int>.Empty));
        Assert.Equal(0, DeltaBinaryPacked.DecodeInt64(ReadOnlySpan<byte>.Empty, Span<long>.Empty));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(130)]
    [InlineData(200)]
    [InlineData(257)]
    [InlineData(1000)]
    [InlineData(4099)]
    public void RandomValuesOfEveryMagnitudeRoundTrip(int count)
    {
        var random = new Random(count);
        var ints = new int[count];
        var longs = new long[count];
        for (var i = 0; i < count; i++)
        {
            // Mix small steps, sorted runs and full-range jumps so miniblock widths vary from 0 to 64.
            var magnitude = random.Next(4);
            ints[i] = magnitude switch
            {
                0 => i,
                1 => random.Next(-100, 100),
                2 => 7,
                _ => (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
            };
            longs[i] = magnitude switch
            {
                0 => i * 1_000_000_007L,
                1 => random.Next(-100, 100),
                2 => -7,
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
        }
        AssertRoundTrip32(ints);
        AssertRoundTrip64(longs);
    }

    [Fact]
    public void ExtremeValuesRoundTrip()
    {
        int[] ints = [int.MinValue, int.MaxValue, int.MinValue, 0, -1, int.MaxValue, int.MaxValue, int.MinValue, 1];
        long[] longs = [long.MinValue, long.MaxValue, long.MinValue, 0, -1, long.MaxValue, long.MaxValue, long.MinValue, 1];
        AssertRoundTrip32(ints);
        AssertRoundTrip64(longs);
        // Alternating extremes over several blocks: every delta is a full-range jump.
        AssertRoundTrip32(Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? int.MinValue : int.MaxValue).ToArray());
        AssertRoundTrip64(Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? long.MinValue : i % 3 == 1 ? long.MaxValue : 0).ToArray());
        AssertRoundTrip64(Enumerable.Repeat(long.MinValue, 129).ToArray());
    }

    [Fact]
    public void SixtyFourBitOffsetsAreWritten()
    {
        // Deltas +MaxValue and MinValue+1 span the whole 64-bit range: offsets from the minimum need all 64 bits.
        long[] values = [0, long.MaxValue, 0, long.MaxValue];
        var encoded = Encode64(values);
        // After the header: count (1 byte), first value (1 byte), min delta zigzag(MinValue + 1) = 2^64 - 3 (10 bytes).
        var widthsAt = Header.Length + 1 + 1 + 10;
        Assert.Equal(64, encoded[widthsAt]);
        Assert.Equal(values, Decode64(encoded, values.Length));
    }

    [Fact]
    public void Int64StreamOfInt32ValuesDecodesAsInt32()
    {
        // A writer computing INT32 deltas in 64 bits writes widths above 32; the result is still right modulo 2^32.
        int[] values = [int.MinValue, int.MaxValue, 0, int.MinValue, 5, -5, int.MaxValue];
        var encoded = Encode64(values.Select(v => (long)v).ToArray());
        Assert.Equal(values, Decode32(encoded, values.Length));
    }

    [Fact]
    public void ReturnsBytesOfTheWholeRunEvenWhenFewerValuesAreRead()
    {
        var values = Enumerable.Range(0, 300).Select(i => i * i).ToArray();
        var encoded = Encode32(values);
        byte[] withTrailer = [.. encoded, 0xAB, 0xCD];
        var output = new int[10];
        Assert.Equal(encoded.Length, DeltaBinaryPacked.DecodeInt32(withTrailer, output));
        Assert.Equal(values[..10], output);
        Assert.Equal(encoded.Length, DeltaBinaryPacked.DecodeInt32(withTrailer, new int[300]));
    }

    [Fact]
    public void MissingPaddingAtTheVeryEndIsTolerated()
    {
        var encoded = Encode32([7, 5, 3, 1, 2, 3, 4, 5]);
        var trimmed = encoded[..^6]; // keeps the 2 bytes of real offsets, drops the zero padding
        Assert.Equal(trimmed.Length, DeltaBinaryPacked.DecodeInt32(trimmed, new int[8]));
        Assert.Equal([7, 5, 3, 1, 2, 3, 4, 5], Decode32(trimmed, 8));
    }

    [Fact]
    public void EveryTruncationThrows()
    {
        // 1 + 2 * 128 values fill their miniblocks exactly, so no byte is padding.
        var random = new Random(5);
        var values = Enumerable.Range(0, 257).Select(_ => random.NextInt64()).ToArray();
        var encoded = Encode64(values);
        for (var length = 0; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt64(cut, new long[values.Length]));
        }
    }

    [Fact]
    public void HeaderCountBelowTheValuesExpectedThrows()
    {
        var encoded = Encode32([1, 2, 3]);
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt32(encoded, new int[4]));
    }

    [Fact]
    public void CountClaimingBillionsThrowsQuickly()
    {
        // count 2^31 - 1 with a single block behind it.
        byte[] data = [.. Header, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        var clock = Stopwatch.StartNew();
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt32(data, new int[1]));
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt64(data, new long[8]));
        // A count beyond int range is rejected as such.
        byte[] huge = [.. Header, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00];
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt64(huge, new long[1]));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void BitWidthAbove64Throws()
    {
        byte[] data = [.. Header, 0x02, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, .. new byte[300]];
        var error = Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt64(data, new long[2]));
        Assert.Contains("65", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x04, 0x00, 0x00 })]             // block size 0
    [InlineData(new byte[] { 0x40, 0x04, 0x00, 0x00 })]             // block size 64, not a multiple of 128
    [InlineData(new byte[] { 0x80, 0x01, 0x00, 0x00, 0x00 })]       // no miniblocks
    [InlineData(new byte[] { 0x80, 0x01, 0x08, 0x00, 0x00 })]       // miniblocks of 16 values
    [InlineData(new byte[] { 0x80, 0x01, 0x03, 0x00, 0x00 })]       // 128 does not split into 3
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x04, 0x00, 0x00 })] // overlong ULEB128
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x01 })]             // first value missing
    public void MalformedHeadersThrow(byte[] data)
    {
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt32(data, new int[1]));
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPacked.DecodeInt64(data, Span<long>.Empty));
    }

    private static byte[] Encode32(int[] values)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaBinaryPacked.EncodeInt32(values, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Encode64(long[] values)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaBinaryPacked.EncodeInt64(values, output);
        return output.WrittenSpan.ToArray();
    }

    private static int[] Decode32(byte[] data, int count)
    {
        var output = new int[count];
        DeltaBinaryPacked.DecodeInt32(data, output);
        return output;
    }

    private static long[] Decode64(byte[] data, int count)
    {
        var output = new long[count];
        DeltaBinaryPacked.DecodeInt64(data, output);
        return output;
    }

    private static void AssertRoundTrip32(int[] values)
    {
        var encoded = Encode32(values);
        var output = new int[values.Length];
        Assert.Equal(encoded.Length, DeltaBinaryPacked.DecodeInt32(encoded, output));
        Assert.Equal(values, output);
    }

    private static void AssertRoundTrip64(long[] values)
    {
        var encoded = Encode64(values);
        var output = new long[values.Length];
        Assert.Equal(encoded.Length, DeltaBinaryPacked.DecodeInt64(encoded, output));
        Assert.Equal(values, output);
    }
}
