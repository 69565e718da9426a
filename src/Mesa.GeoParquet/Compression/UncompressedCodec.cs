using System.Buffers;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>UNCOMPRESSED: the page body is stored as is.</summary>
internal sealed class UncompressedCodec : ICompressionCodec
{
    public static readonly UncompressedCodec Instance = new();

    private UncompressedCodec() { }

    public CompressionCodec Id => CompressionCodec.Uncompressed;

    public void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output) => output.Write(input);

    public void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length != output.Length)
            throw new ParquetFormatException($"UNCOMPRESSED page holds {input.Length} bytes but its header says {output.Length}.");
        input.CopyTo(output);
    }
}
