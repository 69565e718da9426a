using Native = ParquetSharp;

namespace Mesa.GeoParquet.Format;

/// <summary>Our codec and encoding names against ParquetSharp's.</summary>
internal static class CodecMapping
{
    public static Native.Compression ToNative(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => Native.Compression.Uncompressed,
        CompressionCodec.Snappy => Native.Compression.Snappy,
        CompressionCodec.Gzip => Native.Compression.Gzip,
        CompressionCodec.Brotli => Native.Compression.Brotli,
        CompressionCodec.Zstd => Native.Compression.Zstd,
        CompressionCodec.Lz4Raw => Native.Compression.Lz4,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "This codec cannot be written."),
    };

    public static CompressionCodec FromNative(Native.Compression codec) => codec switch
    {
        Native.Compression.Uncompressed => CompressionCodec.Uncompressed,
        Native.Compression.Snappy => CompressionCodec.Snappy,
        Native.Compression.Gzip => CompressionCodec.Gzip,
        Native.Compression.Brotli => CompressionCodec.Brotli,
        Native.Compression.Zstd => CompressionCodec.Zstd,
        // Arrow calls the raw LZ4 block format (parquet's LZ4_RAW) Lz4, and the framed/Hadoop variants (parquet's LZ4) otherwise.
        Native.Compression.Lz4 => CompressionCodec.Lz4Raw,
        Native.Compression.Lz4Frame or Native.Compression.Lz4Hadoop => CompressionCodec.Lz4,
        Native.Compression.Lzo => CompressionCodec.Lzo,
        _ => (CompressionCodec)(-1),
    };

    public static Native.Encoding ToNative(Encoding encoding) => encoding switch
    {
        Encoding.Plain => Native.Encoding.Plain,
        Encoding.PlainDictionary => Native.Encoding.PlainDictionary,
        Encoding.Rle => Native.Encoding.Rle,
        Encoding.BitPacked => Native.Encoding.BitPacked,
        Encoding.DeltaBinaryPacked => Native.Encoding.DeltaBinaryPacked,
        Encoding.DeltaLengthByteArray => Native.Encoding.DeltaLengthByteArray,
        Encoding.DeltaByteArray => Native.Encoding.DeltaByteArray,
        Encoding.RleDictionary => Native.Encoding.RleDictionary,
        Encoding.ByteStreamSplit => Native.Encoding.ByteStreamSplit,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown encoding."),
    };

    public static Encoding FromNative(Native.Encoding encoding) => encoding switch
    {
        Native.Encoding.Plain => Encoding.Plain,
        Native.Encoding.PlainDictionary => Encoding.PlainDictionary,
        Native.Encoding.Rle => Encoding.Rle,
        Native.Encoding.BitPacked => Encoding.BitPacked,
        Native.Encoding.DeltaBinaryPacked => Encoding.DeltaBinaryPacked,
        Native.Encoding.DeltaLengthByteArray => Encoding.DeltaLengthByteArray,
        Native.Encoding.DeltaByteArray => Encoding.DeltaByteArray,
        Native.Encoding.RleDictionary => Encoding.RleDictionary,
        Native.Encoding.ByteStreamSplit => Encoding.ByteStreamSplit,
        _ => (Encoding)(-1),
    };
}
