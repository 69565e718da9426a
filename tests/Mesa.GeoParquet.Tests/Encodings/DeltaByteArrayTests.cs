using System.Buffers;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Encodings;

namespace Mesa.GeoParquet.Tests.Encodings;

public class DeltaByteArrayTests
{
    [Fact]
    public void SpecExampleSharesPrefixes()
    {
        // "axis", "axle", "babble", "babyhood": prefixes 0,2,0,3 and suffixes "axis","le","babble","yhood".
        var values = ByteArrays.Of("axis", "axle", "babble", "babyhood");
        var encoded = Encode(values, ByteArrays.AllRows(values));

        var expected = new ArrayBufferWriter<byte>();
        DeltaBinaryPacked.EncodeInt32([0, 2, 0, 3], expected);
        DeltaBinaryPacked.EncodeInt32([4, 2, 6, 5], expected);
        expected.Write("axislebabbleyhood"u8);
        Assert.Equal(expected.WrittenSpan.ToArray(), encoded);

        var decoded = new ByteArrayBuffer();
        Assert.Equal(encoded.Length, DeltaByteArray.Decode(encoded, 4, decoded));
        Assert.Equal(["axis", "axle", "babble", "babyhood"], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void EmptyStringsAndWholeValueRepeatsRoundTrip()
    {
        AssertRoundTrip(ByteArrays.Of("", "", "a", "a", "", "abc", "abc", "ab", "abcd", "", "x"));
        AssertRoundTrip(ByteArrays.Of(""));
        AssertRoundTrip(ByteArrays.Of());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(5000)]
    public void RandomValuesWithSharedPrefixesRoundTrip(int count) => AssertRoundTrip(ByteArrays.Random(count, 60, count));

    [Fact]
    public void SelectedRowsShareWithTheRowEncodedBefore()
    {
        var values = ByteArrays.Of("prefix-one", "other", "prefix-two");
        var encoded = Encode(values, [0, 2]);
        var decoded = new ByteArrayBuffer();
        DeltaByteArray.Decode(encoded, 2, decoded);
        Assert.Equal(["prefix-one", "prefix-two"], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void DecodingAppendsAndStartsEachPageFromAnEmptyValue()
    {
        var decoded = ByteArrays.Of("existing");
        var page = ByteArrays.Of("exit", "exits");
        DeltaByteArray.Decode(Encode(page, [0, 1]), 2, decoded);
        Assert.Equal(["existing", "exit", "exits"], ByteArrays.ToStrings(decoded));
    }

    [Fact]
    public void FirstValueWithAPrefixThrows()
    {
        var data = Build([1], [1], "a"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(data, 1, new ByteArrayBuffer()));
    }

    [Fact]
    public void PrefixLongerThanThePreviousValueThrows()
    {
        var data = Build([0, 3], [2, 1], "abc"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(data, 2, new ByteArrayBuffer()));
    }

    [Fact]
    public void NegativeLengthsThrow()
    {
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(Build([0, -1], [2, 1], "abc"u8.ToArray()), 2, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(Build([0, 0], [2, -1], "abc"u8.ToArray()), 2, new ByteArrayBuffer()));
    }

    [Fact]
    public void SuffixBeyondTheDataThrows()
    {
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(Build([0, 1], [2, 2], "abc"u8.ToArray()), 2, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(Build([0], [int.MaxValue], "abc"u8.ToArray()), 1, new ByteArrayBuffer()));
    }

    [Fact]
    public void CountsBeyondEitherHeaderThrow()
    {
        var data = Build([0, 1, 1], [2, 1], "abcd"u8.ToArray());
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(data, 3, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(data, 2_000_000_000, new ByteArrayBuffer()));
        Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(data, -5, new ByteArrayBuffer()));
    }

    [Fact]
    public void EveryTruncationThrows()
    {
        var values = ByteArrays.Of("alpha", "alphabet", "beta", "betamax", "gamma");
        var encoded = Encode(values, ByteArrays.AllRows(values));
        for (var length = 0; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(cut, values.Count, new ByteArrayBuffer()));
        }
    }

    private static void AssertRoundTrip(ByteArrayBuffer values)
    {
        var encoded = Encode(values, ByteArrays.AllRows(values));
        var decoded = new ByteArrayBuffer();
        Assert.Equal(encoded.Length, DeltaByteArray.Decode([.. encoded, 0x7F], values.Count, decoded));
        ByteArrays.Equal(values, decoded);
    }

    private static byte[] Encode(ByteArrayBuffer values, int[] rows)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaByteArray.Encode(values, rows, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Build(int[] prefixes, int[] suffixes, byte[] bytes)
    {
        var output = new ArrayBufferWriter<byte>();
        DeltaBinaryPacked.EncodeInt32(prefixes, output);
        DeltaBinaryPacked.EncodeInt32(suffixes, output);
        output.Write(bytes);
        return output.WrittenSpan.ToArray();
    }
}
