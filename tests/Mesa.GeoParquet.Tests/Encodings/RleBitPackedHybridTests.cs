using System.Buffers;
using System.Diagnostics;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class RleBitPackedHybridTests
{
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        for (var width = 0; width <= 32; width++) data.Add(width);
        return data;
    }

    [Fact]
    public void SpecBitPackedExample()
    {
        // The spec's example: 0..7 at 3 bits is one bit-packed group, header (1 << 1) | 1, then 10001000 11000110 11111010.
        byte[] expected = [0x03, 0x88, 0xC6, 0xFA];
        Assert.Equal(expected, Encode([0, 1, 2, 3, 4, 5, 6, 7], 3));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], Decode(expected, 3, 8));
    }

    [Fact]
    public void RepeatedValueBecomesOneRleRun()
    {
        // Header 10 << 1, then the value in ceil(9 / 8) = 2 little-endian bytes.
        byte[] expected = [0x14, 0x2C, 0x01];
        Assert.Equal(expected, Encode(Enumerable.Repeat(300, 10).ToArray(), 9));
        Assert.Equal(Enumerable.Repeat(300, 10).ToArray(), Decode(expected, 9, 10));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void RandomValuesRoundTrip(int width)
    {
        var random = new Random(width);
        var max = width == 32 ? uint.MaxValue : (1UL << width) - 1;
        foreach (var count in new[] { 0, 1, 7, 8, 9, 63, 100, 1000, 5000 })
        {
            var values = Enumerable.Range(0, count).Select(_ => (int)(uint)random.NextInt64(0, (long)max + 1)).ToArray();
            AssertRoundTrip(values, width);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MixedRunsAndLiteralsRoundTrip(int width)
    {
        var random = new Random(100 + width);
        var max = width == 32 ? uint.MaxValue : (1UL << width) - 1;
        var values = new List<int>();
        while (values.Count < 4000)
        {
            // Runs of every length around the 8-value threshold, between stretches of distinct values.
            var value = (int)(uint)random.NextInt64(0, (long)max + 1);
            var length = random.Next(4) == 0 ? random.Next(1, 600) : random.Next(1, 12);
            values.AddRange(Enumerable.Repeat(value, length));
        }
        AssertRoundTrip(values.ToArray(), width);
    }

    [Fact]
    public void RunsLongerThanOneHeaderByteRoundTrip()
    {
        AssertRoundTrip(Enumerable.Repeat(1, 100_000).ToArray(), 1);
        AssertRoundTrip(Enumerable.Range(0, 100_000).Select(i => i & 0xFFFF).ToArray(), 16);
    }

    [Fact]
    public void ValueTooWideForTheWidthIsRejectedByTheEncoder()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode([8], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode([-1], 31));
    }

    [Fact]
    public void BitWidthOf()
    {
        Assert.Equal(0, RleBitPackedHybrid.BitWidthOf(0));
        Assert.Equal(1, RleBitPackedHybrid.BitWidthOf(1));
        Assert.Equal(3, RleBitPackedHybrid.BitWidthOf(7));
        Assert.Equal(4, RleBitPackedHybrid.BitWidthOf(8));
        Assert.Equal(31, RleBitPackedHybrid.BitWidthOf(int.MaxValue));
    }

    [Theory]
    [InlineData(new byte[] { })]                         // no run at all
    [InlineData(new byte[] { 0x14 })]                    // RLE run without its value
    [InlineData(new byte[] { 0x00, 0x01 })]              // empty RLE run
    [InlineData(new byte[] { 0x01 })]                    // empty bit-packed run
    [InlineData(new byte[] { 0x03, 0xFF })]              // bit-packed group cut short
    [InlineData(new byte[] { 0x14, 0x08 })]              // RLE value 8 does not fit 3 bits
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x01 })] // header beyond 32 bits
    public void MalformedRunsThrow(byte[] data)
    {
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(data, 3, new int[10]));
    }

    [Fact]
    public void BitWidthAbove32Throws()
    {
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode([0x02, 0x00], 33, new int[1]));
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode([0x02, 0x00], -1, new int[1]));
    }

    [Fact]
    public void RunsLongerThanTheValuesExpectedAreCutToThem()
    {
        // DuckDB ends pages with runs declaring more values than remain; readers take what they need.
        var rle = new int[10];
        RleBitPackedHybrid.Decode([0x16, 0x05], 3, rle);
        Assert.All(rle, v => Assert.Equal(5, v));
        var packed = new int[10];
        RleBitPackedHybrid.Decode([0x05, 0b10_001_000, 0b1_100_011_0, 0b111_110_10, 0, 0, 0], 3, packed);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 0, 0], packed);
    }

    [Fact]
    public void RunClaimingBillionsIsHandledQuickly()
    {
        var clock = Stopwatch.StartNew();
        // An RLE run of 2^30 - 1 values fills the 100 expected; a bit-packed run of 2^30 - 1 groups lacks the bytes for them.
        var values = new int[100];
        RleBitPackedHybrid.Decode([0xFE, 0xFF, 0xFF, 0xFF, 0x07, 0x01], 1, values);
        Assert.All(values, v => Assert.Equal(1, v));
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode([0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x01], 1, new int[100]));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    private static byte[] Encode(int[] values, int width)
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode(values, width, output);
        return output.WrittenSpan.ToArray();
    }

    private static int[] Decode(byte[] data, int width, int count)
    {
        var output = new int[count];
        RleBitPackedHybrid.Decode(data, width, output);
        return output;
    }

    private static void AssertRoundTrip(int[] values, int width) => Assert.Equal(values, Decode(Encode(values, width), width, values.Length));
}
