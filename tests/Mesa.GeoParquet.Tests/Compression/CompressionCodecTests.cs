using System.Buffers;
using Mesa.GeoParquet.Compression;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Tests.Compression;

public class CompressionCodecTests
{
    private static readonly byte[] Small = "MESA zone 42: 1234 households, 5678 jobs. "u8.ToArray();
    private static readonly byte[] Mixed = MixedMegabyte();

    public static TheoryData<CompressionCodec, int?> Codecs() => new()
    {
        { CompressionCodec.Uncompressed, null },
        { CompressionCodec.Snappy, null },
        { CompressionCodec.Gzip, null },
        { CompressionCodec.Gzip, 0 },
        { CompressionCodec.Gzip, 9 },
        { CompressionCodec.Brotli, null },
        { CompressionCodec.Brotli, 0 },
        { CompressionCodec.Zstd, null },
        { CompressionCodec.Zstd, 1 },
        { CompressionCodec.Zstd, 19 },
        { CompressionCodec.Lz4Raw, null },
    };

    /// <summary>Codecs whose data carries enough structure for corruption to be noticed.</summary>
    public static TheoryData<CompressionCodec> CompressingCodecs() => new()
    {
        CompressionCodec.Snappy,
        CompressionCodec.Gzip,
        CompressionCodec.Brotli,
        CompressionCodec.Zstd,
        CompressionCodec.Lz4Raw,
    };

    // Empty page bodies are real: a v2 data page of only nulls compresses an empty values section.
    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void EmptyInputRoundTrips(CompressionCodec id) => AssertRoundTrip(id, null, []);

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void EmptyInputForANonEmptyPageThrows(CompressionCodec id)
    {
        Assert.Throws<ParquetFormatException>(() => CompressionCodecs.Get(id).Decompress([], new byte[10]));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void SmallInputRoundTrips(CompressionCodec id, int? level) => AssertRoundTrip(id, level, Small);

    [Theory]
    [MemberData(nameof(Codecs))]
    public void MixedMegabyteRoundTrips(CompressionCodec id, int? level)
    {
        var compressed = AssertRoundTrip(id, level, Mixed);
        if (id != CompressionCodec.Uncompressed && level != 0)
            Assert.True(compressed.Length < Mixed.Length * 3 / 4, $"{id} only got to {compressed.Length} bytes");
    }

    [Fact]
    public void CodecReportsItsId()
    {
        foreach (var id in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Brotli, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
            Assert.Equal(id, CompressionCodecs.Get(id).Id);
    }

    [Theory]
    [MemberData(nameof(CompressingCodecs))]
    public void DeclaredSizeTooLargeThrows(CompressionCodec id)
    {
        var codec = CompressionCodecs.Get(id);
        var compressed = Compress(codec, Small);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(compressed, new byte[Small.Length + 1]));
        var big = Compress(codec, Mixed);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(big, new byte[Mixed.Length + 1000]));
    }

    [Theory]
    [MemberData(nameof(CompressingCodecs))]
    public void DeclaredSizeTooSmallThrows(CompressionCodec id)
    {
        var codec = CompressionCodecs.Get(id);
        var compressed = Compress(codec, Small);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(compressed, new byte[Small.Length - 1]));
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(compressed, Span<byte>.Empty));
        var big = Compress(codec, Mixed);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(big, new byte[Mixed.Length - 1]));
    }

    [Theory]
    [MemberData(nameof(CompressingCodecs))]
    public void TruncatedInputThrows(CompressionCodec id)
    {
        var codec = CompressionCodecs.Get(id);
        var compressed = Compress(codec, Mixed);
        foreach (var length in new[] { 1, compressed.Length / 4, compressed.Length / 2, compressed.Length * 3 / 4 })
            Assert.Throws<ParquetFormatException>(() => codec.Decompress(compressed.AsSpan(0, length), new byte[Mixed.Length]));
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void LastByteMissingThrows(CompressionCodec id)
    {
        var codec = CompressionCodecs.Get(id);
        var compressed = Compress(codec, Mixed);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(compressed.AsSpan(0, compressed.Length - 1), new byte[Mixed.Length]));
    }

    [Theory]
    [MemberData(nameof(CompressingCodecs))]
    public void GarbageInputThrows(CompressionCodec id)
    {
        var codec = CompressionCodecs.Get(id);
        var random = new Random(7);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            Assert.Throws<ParquetFormatException>(() => codec.Decompress(garbage, new byte[4096]));
        }
    }

    [Theory]
    [MemberData(nameof(CompressingCodecs))]
    public void FlippedBytesThrowOrStayInBounds(CompressionCodec id)
    {
        // A flipped byte may still decode to something; it must never escape as anything but ParquetFormatException.
        var codec = CompressionCodecs.Get(id);
        var compressed = Compress(codec, Mixed);
        var random = new Random(11);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
            try
            {
                codec.Decompress(damaged, new byte[Mixed.Length]);
            }
            catch (ParquetFormatException)
            {
            }
        }
    }

    [Fact]
    public void ZstdFrameWithCutOffChecksumThrows()
    {
        // `zstd --check` of Small: magic, descriptor 0x24 (single segment, checksum), size 42, one raw last block
        // (header 0x51 0x01 0x00 = 42 << 3 | 1), the 42 bytes, then the 4-byte XXH64 checksum 75 6F 67 A1.
        byte[] frame = [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x2A, 0x51, 0x01, 0x00, .. Small, 0x75, 0x6F, 0x67, 0xA1];
        var codec = CompressionCodecs.Get(CompressionCodec.Zstd);
        var output = new byte[Small.Length];
        codec.Decompress(frame, output);
        Assert.Equal(Small, output);
        foreach (var cut in new[] { 1, 4 })
            Assert.Throws<ParquetFormatException>(() => codec.Decompress(frame.AsSpan(0, frame.Length - cut), new byte[Small.Length]));
        frame[^1] ^= 1;
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(frame, new byte[Small.Length]));
    }

    [Fact]
    public void ZstdConcatenatedFramesDecodeAsOnePage()
    {
        var codec = CompressionCodecs.Get(CompressionCodec.Zstd);
        byte[] both = [.. Compress(codec, Small), .. Compress(codec, Small)];
        var output = new byte[2 * Small.Length];
        codec.Decompress(both, output);
        Assert.Equal([.. Small, .. Small], output);
    }

    [Fact]
    public void SnappyLengthPreambleClaimingGigabytesThrowsWithoutAllocating()
    {
        // Preamble 0xFFFFFFFF (4 GiB) against a 16-byte page.
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x61];
        Assert.Throws<ParquetFormatException>(() => CompressionCodecs.Get(CompressionCodec.Snappy).Decompress(data, new byte[16]));
    }

    [Fact]
    public void UncompressedSizeMismatchThrows()
    {
        var codec = CompressionCodecs.Get(CompressionCodec.Uncompressed);
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(Small, new byte[Small.Length + 1]));
        Assert.Throws<ParquetFormatException>(() => codec.Decompress(Small, new byte[Small.Length - 1]));
    }

    [Fact]
    public void GzipReaderAlsoTakesZlibFraming()
    {
        var zlib = new MemoryStream();
        using (var stream = new System.IO.Compression.ZLibStream(zlib, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            stream.Write(Mixed);
        var output = new byte[Mixed.Length];
        CompressionCodecs.Get(CompressionCodec.Gzip).Decompress(zlib.ToArray(), output);
        Assert.Equal(Mixed, output);
    }

    [Theory]
    [InlineData(CompressionCodec.Lzo)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData((CompressionCodec)99)]
    public void UnsupportedCodecsThrowFormatErrors(CompressionCodec id)
    {
        Assert.Throws<ParquetFormatException>(() => CompressionCodecs.Get(id));
    }

    [Theory]
    [InlineData(CompressionCodec.Zstd, 0)]
    [InlineData(CompressionCodec.Zstd, 23)]
    [InlineData(CompressionCodec.Gzip, 10)]
    [InlineData(CompressionCodec.Gzip, -1)]
    [InlineData(CompressionCodec.Brotli, 12)]
    [InlineData(CompressionCodec.Snappy, 1)]
    [InlineData(CompressionCodec.Uncompressed, 1)]
    [InlineData(CompressionCodec.Lz4Raw, 1)]
    public void LevelsOutsideTheCodecsRangeAreRejected(CompressionCodec id, int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionCodecs.Get(id, level));
    }

    private static byte[] AssertRoundTrip(CompressionCodec id, int? level, byte[] data)
    {
        var codec = CompressionCodecs.Get(id, level);
        var compressed = Compress(codec, data);
        var output = new byte[data.Length];
        codec.Decompress(compressed, output);
        Assert.Equal(data, output);
        return compressed;
    }

    private static byte[] Compress(ICompressionCodec codec, byte[] data)
    {
        // Something already in the writer must stay untouched: codecs append.
        var output = new ArrayBufferWriter<byte>();
        output.Write("head"u8);
        codec.Compress(data, output);
        Assert.Equal("head"u8.ToArray(), output.WrittenSpan[..4].ToArray());
        return output.WrittenSpan[4..].ToArray();
    }

    /// <summary>1 MiB of text, zero runs, small integers and noise: every codec's fast and slow paths.</summary>
    private static byte[] MixedMegabyte()
    {
        var random = new Random(2024);
        var data = new byte[1 << 20];
        var pos = 0;
        while (pos < data.Length)
        {
            var length = Math.Min(random.Next(16, 4096), data.Length - pos);
            var part = data.AsSpan(pos, length);
            switch (random.Next(4))
            {
                case 0:
                    for (var i = 0; i < part.Length; i++) part[i] = (byte)"zone,households,jobs;"[(pos + i) % 21];
                    break;
                case 1:
                    break; // zeros
                case 2:
                    for (var i = 0; i < part.Length; i++) part[i] = (byte)random.Next(8);
                    break;
                default:
                    random.NextBytes(part);
                    break;
            }
            pos += length;
        }
        return data;
    }
}
