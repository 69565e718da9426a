using System.Buffers;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class PlainEncodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1001)]
    public void BooleansRoundTrip(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeBooleans(values, output);
        Assert.Equal((count + 7) / 8, output.WrittenCount);
        var decoded = new bool[count];
        Assert.Equal(output.WrittenCount, PlainEncoding.DecodeBooleans(output.WrittenSpan, decoded));
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void BooleansArePackedLsbFirst()
    {
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeBooleans([true, false, true, true, false, false, false, false, true], output);
        Assert.Equal([0x0D, 0x01], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void FixedWidthValuesRoundTripLittleEndian()
    {
        AssertFixedRoundTrip(new[] { 0, 1, -1, int.MinValue, int.MaxValue });
        AssertFixedRoundTrip(new[] { 0L, long.MinValue, long.MaxValue, 1234567890123 });
        AssertFixedRoundTrip(new[] { 0f, -0f, float.NaN, float.PositiveInfinity, float.Epsilon, 3.5f });
        AssertFixedRoundTrip(new[] { 0d, double.NaN, double.NegativeInfinity, double.MaxValue, -1.25 });
        AssertFixedRoundTrip(Array.Empty<int>());

        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeFixed<int>([0x01020304], output);
        Assert.Equal([0x04, 0x03, 0x02, 0x01], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void ByteArraysRoundTripWithLengthPrefixes()
    {
        var values = ByteArrays.Of("", "a", "hello", "", "wörld");
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeByteArrays(values, ByteArrays.AllRows(values), output);
        Assert.Equal(5 * 4 + 0 + 1 + 5 + 0 + 6, output.WrittenCount);
        Assert.Equal([1, 0, 0, 0, (byte)'a'], output.WrittenSpan[4..9].ToArray());

        var decoded = new ByteArrayBuffer();
        Assert.Equal(output.WrittenCount, PlainEncoding.DecodeByteArrays(output.WrittenSpan, values.Count, decoded));
        ByteArrays.Equal(values, decoded);
    }

    [Fact]
    public void ByteArraysEncodeOnlyTheRowsAskedFor()
    {
        var values = ByteArrays.Of("zero", "one", "two", "three");
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeByteArrays(values, [3, 1], output);
        var decoded = new ByteArrayBuffer();
        PlainEncoding.DecodeByteArrays(output.WrittenSpan, 2, decoded);
        Assert.Equal(["three", "one"], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void FixedLenByteArraysRoundTrip()
    {
        var values = ByteArrays.Of("abcd", "efgh", "ijkl");
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeFixedLenByteArrays(values, ByteArrays.AllRows(values), output);
        Assert.Equal("abcdefghijkl"u8.ToArray(), output.WrittenSpan.ToArray());
        var decoded = new ByteArrayBuffer();
        Assert.Equal(12, PlainEncoding.DecodeFixedLenByteArrays(output.WrittenSpan, 3, 4, decoded));
        ByteArrays.Equal(values, decoded);
        Assert.Throws<ArgumentException>(() => PlainEncoding.EncodeFixedLenByteArrays(ByteArrays.Of("ab", "c"), [0, 1], output));
    }

    [Fact]
    public void TruncatedFixedValuesThrow()
    {
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeBooleans(new byte[1], new bool[9]));
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeFixed<int>(new byte[7], new int[2]));
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeFixed<double>(new byte[15], new double[2]));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, 1)]                 // length -1
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0x00, 0x61, 0x62 }, 1)]     // length 5, 2 bytes left
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x01, 0x00 }, 2)]     // second length cut off
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00 }, 2_000_000_000)]     // count claiming billions
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00 }, -1)]
    public void HostileByteArraysThrow(byte[] data, int count)
    {
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeByteArrays(data, count, new ByteArrayBuffer()));
    }

    [Theory]
    [InlineData(3, 0)]                      // width 0
    [InlineData(3, -4)]
    [InlineData(-1, 4)]
    [InlineData(2_000_000_000, 4)]          // count * width beyond the data and beyond int
    [InlineData(3, 3)]                      // 9 bytes of 8
    public void HostileFixedLenByteArraysThrow(int count, int width)
    {
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeFixedLenByteArrays(new byte[8], count, width, new ByteArrayBuffer()));
    }

    private static void AssertFixedRoundTrip<T>(T[] values) where T : unmanaged
    {
        var output = new ArrayBufferWriter<byte>();
        PlainEncoding.EncodeFixed<T>(values, output);
        var decoded = new T[values.Length];
        Assert.Equal(output.WrittenCount, PlainEncoding.DecodeFixed<T>(output.WrittenSpan, decoded));
        Assert.Equal(values, decoded);
    }
}
