using System.Buffers;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class VarIntTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Uleb128MatchesKnownBytes(ulong value, byte[] bytes)
    {
        var output = new ArrayBufferWriter<byte>();
        VarInt.WriteULeb128(output, value);
        Assert.Equal(bytes, output.WrittenSpan.ToArray());
        var pos = 0;
        Assert.Equal(value, VarInt.ReadULeb128(bytes, ref pos, 64, "test"));
        Assert.Equal(bytes.Length, pos);
    }

    [Theory]
    [InlineData(0L, 0UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(1L, 2UL)]
    [InlineData(-2L, 3UL)]
    [InlineData(long.MaxValue, ulong.MaxValue - 1)]
    [InlineData(long.MinValue, ulong.MaxValue)]
    public void ZigZagRoundTrips(long value, ulong encoded)
    {
        var output = new ArrayBufferWriter<byte>();
        VarInt.WriteZigZag(output, value);
        var pos = 0;
        Assert.Equal(encoded, VarInt.ReadULeb128(output.WrittenSpan, ref pos, 64, "test"));
        pos = 0;
        Assert.Equal(value, VarInt.ReadZigZag(output.WrittenSpan, ref pos, "test"));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x10 })]  // 2^32 + ... does not fit 32 bits
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 })] // overlong for 32 bits
    public void TruncatedOrTooWideThrows(byte[] bytes)
    {
        var pos = 0;
        Assert.Throws<ParquetFormatException>(() => VarInt.ReadULeb128(bytes, ref pos, 32, "test"));
    }

    [Fact]
    public void CountAboveIntMaxThrows()
    {
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x08]; // 2^31
        var pos = 0;
        Assert.Throws<ParquetFormatException>(() => VarInt.ReadCount(bytes, ref pos, "test", "count"));
    }
}
