using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class BitPackingTests
{
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        for (var width = 0; width <= 64; width++) data.Add(width);
        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void PackThenUnpackRoundTripsEveryCount(int width)
    {
        var random = new Random(width);
        var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (var count in new[] { 0, 1, 5, 8, 13, 64, 65, 200 })
        {
            var values = Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64() * 3 & mask).ToArray();
            var packed = new byte[(count * width + 7) / 8];
            var packer = new BitPacker(packed, width);
            foreach (var value in values) packer.Add(value);
            packer.Flush();

            var wide = new ulong[count];
            BitUnpacking.Unpack(packed, width, wide);
            Assert.Equal(values, wide);

            if (width <= 32)
            {
                var narrow = new int[count];
                BitUnpacking.Unpack(packed, width, narrow);
                Assert.Equal(values.Select(v => (int)(uint)v).ToArray(), narrow);
            }
        }
    }

    [Fact]
    public void PackerKeepsOnlyTheLowBits()
    {
        var packed = new byte[1];
        var packer = new BitPacker(packed, 3);
        packer.Add(0xFF);
        packer.Add(0);
        packer.Flush();
        Assert.Equal(0x07, packed[0]);
    }
}
