using System.Buffers;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class DeltaLengthByteArrayTests
{
    [Fact]
    public void SpecExampleIsLengthsThenBytes()
    {
        // "Hello", "World", "Foobar", "ABCDEF": lengths 5,5,6,6 as DELTA_BINARY_PACKED (first 5 = zigzag 10,
        // deltas 0,1,0 so min 0 and one 1-bit miniblock: 0b010 = 0x02, 4 bytes), then the bytes back to back.
        byte[] expected =
        [
            0x80, 0x01, 0x04, 0x04, 0x0A,
            0x00, 0x01, 0x00, 0x00, 0x00,
            0x02, 0x00, 0x00, 0x00,
            .. "HelloWorldFoobarABCDEF"u8,
        ];
        var values = ByteArrays.Of("Hello", "World", "Foobar", "ABCDEF");
        Assert.Equal(expected, Encode(values, ByteArrays.AllRows(values)));

        var decoded = new ByteArrayBuffer();
        Assert.Equal(expected.Length, DeltaLengthByteArray.Decode(expected, 4, decoded));
        Assert.Equal(["Hello", "World", "Foobar", "ABCDEF"], ByteArrays.ToStrings(decoded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(129)]
    [InlineData(3000)]
    public void RandomValuesRoundTrip(int count)
    {
        var values = ByteArrays.Random(count, 40, count);
        var encoded = Encode(values, ByteArrays.AllRows(values));
        var decoded = new ByteArrayBuffer();
        Assert.Equal(encoded.Length, DeltaLengthByteArray.Decode([.. encoded, 0xEE], count, decoded));
        ByteArrays.Equal(values, decoded);
    }

    [Fact]
    public void EmptyStringsAndSelectedRowsRoundTrip()
    {
        var values = ByteArrays.Of("", "x", "", "", "yz", "");
        var encoded = Encode(values, [5, 4, 1, 0]);
        var decoded = new ByteArrayBuffer();
        DeltaLengthByteArray.Decode(encoded, 4, decoded);
        Assert.Equal(["", "yz", "x", ""], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void DecodingAppendsToExistingValues()
    {
        var decoded = ByteArrays.Of("kept");
        var values = ByteArrays.Of("new");
        DeltaLengthByteArray.Decode(Encode(values, [0]), 1, decoded);
        Assert.Equal(["kept", "new"], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void NegativeLengthThrows()
    {
        var data = LengthsThenBytes([3, -1], "abcdef"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(data, 2, new ByteArrayBuffer()));
    }

    [Fact]
    public void LengthBeyondTheDataThrows()
    {
        var data = LengthsThenBytes([3, 4], "abcdef"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(data, 2, new ByteArrayBuffer()));
        // int.MaxValue bytes claimed by one value.
        var huge = LengthsThenBytes([int.MaxValue], "ab"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(huge, 1, new ByteArrayBuffer()));
    }

    [Fact]
    public void MoreValuesThanTheHeaderDeclaresThrows()
    {
        var data = LengthsThenBytes([1, 1], "ab"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(data, 3, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(data, 2_000_000_000, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(data, -1, new ByteArrayBuffer()));
    }

    [Fact]
    public void EveryTruncationThrows()
    {
        var values = ByteArrays.Random(300, 10, 1);
        var encoded = Encode(values, ByteArrays.AllRows(values));
        // The last value must have bytes, or the cut just before its (empty) bytes would still be complete.
        Assert.NotEqual(0, values[^1].Length);
        for (var length = 0; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            Assert.Throws<ParquetFormatException>(() => DeltaLengthByteArray.Decode(cut, values.Count, new ByteArrayBuffer()));
        }
    }

    private static byte[] Encode(ByteArrayBuffer values, int[] rows)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaLengthByteArray.Encode(values, rows, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] LengthsThenBytes(int[] lengths, byte[] bytes)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaBinaryPacked.EncodeInt32(lengths, output);
        output.Write(bytes);
        return output.WrittenSpan.ToArray();
    }
}
