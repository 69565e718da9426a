using System.Buffers;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class ByteStreamSplitTests
{
    [Fact]
    public void StreamsHoldByteKOfEveryValue()
    {
        // Two int32 values 0x01020304 and 0x05060708: little-endian bytes 04 03 02 01 | 08 07 06 05.
        byte[] values = [0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05];
        byte[] expected = [0x04, 0x08, 0x03, 0x07, 0x02, 0x06, 0x01, 0x05];
        Assert.Equal(expected, Encode(values, 4));
        var decoded = new byte[8];
        Assert.Equal(8, ByteStreamSplit.Decode(expected, 2, 4, decoded));
        Assert.Equal(values, decoded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void FloatsRoundTrip(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 1e6 - 5e5)).ToArray();
        if (count > 0) values[0] = float.NaN;
        var decoded = new float[count];
        AssertRoundTrip(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), 4, MemoryMarshal.AsBytes(decoded.AsSpan()));
        Assert.Equal(values, decoded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void DoublesAndLongsRoundTrip(int count)
    {
        var random = new Random(count);
        var doubles = Enumerable.Range(0, count).Select(_ => random.NextDouble() * 1e12).ToArray();
        var decodedDoubles = new double[count];
        AssertRoundTrip(MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray(), 8, MemoryMarshal.AsBytes(decodedDoubles.AsSpan()));
        Assert.Equal(doubles, decodedDoubles);

        var longs = Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        var decodedLongs = new long[count];
        AssertRoundTrip(MemoryMarshal.AsBytes(longs.AsSpan()).ToArray(), 8, MemoryMarshal.AsBytes(decodedLongs.AsSpan()));
        Assert.Equal(longs, decodedLongs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void FixedLenByteArraysRoundTrip(int width)
    {
        var values = new byte[width * 37];
        new Random(width).NextBytes(values);
        AssertRoundTrip(values, width, new byte[values.Length]);
    }

    [Fact]
    public void ShortDataThrows()
    {
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(new byte[7], 2, 4, new byte[8]));
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(new byte[8], 2_000_000_000, 8, new byte[8]));
    }

    [Fact]
    public void NonsenseCountOrWidthThrows()
    {
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(new byte[8], -1, 4, new byte[8]));
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(new byte[8], 2, 0, new byte[8]));
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(new byte[8], 2, -4, new byte[8]));
    }

    [Fact]
    public void EncoderRejectsPartialValues()
    {
        Assert.Throws<ArgumentException>(() => Encode(new byte[7], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new byte[8], 0));
    }

    private static void AssertRoundTrip(byte[] values, int width, Span<byte> decoded)
    {
        var encoded = Encode(values, width);
        Assert.Equal(values.Length, encoded.Length);
        Assert.Equal(values.Length, ByteStreamSplit.Decode([.. encoded, 0x55], values.Length / width, width, decoded));
        Assert.True(decoded.SequenceEqual(values));
    }

    private static byte[] Encode(byte[] values, int width)
    {
        var output = new ArrayBufferWriter<byte>();
        ByteStreamSplit.Encode(values, width, output);
        return output.WrittenSpan.ToArray();
    }
}
