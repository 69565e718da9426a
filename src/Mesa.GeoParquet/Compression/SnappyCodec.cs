using System.Buffers;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>SNAPPY: the raw snappy block format (no stream framing), as parquet-mr and Arrow write it.</summary>
internal sealed class SnappyCodec : ICompressionCodec
{
    public static readonly SnappyCodec Instance = new();

    private SnappyCodec() { }

    public CompressionCodec Id => CompressionCodec.Snappy;

    public void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output) =>
        output.Write(IronSnappy.Snappy.Encode(input));

    // IronSnappy can only decode into an array it sizes from the untrusted preamble, so decoding is our own.
    public void Decompress(ReadOnlySpan<byte> input, Span<byte> output) => SnappyBlockDecoder.Decode(input, output);
}
