using System.Buffers;
using System.IO.Compression;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>BROTLI: a bare brotli stream (RFC 7932).</summary>
internal sealed class BrotliCodec(int quality) : ICompressionCodec
{
    public const int MinLevel = 0;
    public const int MaxLevel = 11;
    public const int DefaultLevel = 8; // Arrow's Parquet default; brotli's own 11 is very slow

    private const int Window = 22; // brotli's default window (4 MiB)

    public CompressionCodec Id => CompressionCodec.Brotli;

    public void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var target = output.GetSpan(BrotliEncoder.GetMaxCompressedLength(input.Length));
        if (!BrotliEncoder.TryCompress(input, target, out var written, quality, Window))
            throw new InvalidOperationException($"BROTLI compression of {input.Length} bytes did not fit its own bound.");
        output.Advance(written);
    }

    public void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        using var decoder = new BrotliDecoder();
        // BrotliDecoder reports DestinationTooSmall for a valid empty stream when given no room at all.
        Span<byte> probe = stackalloc byte[1];
        var target = output.IsEmpty ? probe : output;
        var status = decoder.Decompress(input, target, out var consumed, out var written);
        var problem = status switch
        {
            OperationStatus.Done when written != output.Length =>
                $"decompresses to {written} bytes but the page header says {output.Length}",
            OperationStatus.Done when consumed != input.Length =>
                $"has {input.Length - consumed} bytes after the end of the stream",
            OperationStatus.Done => null,
            OperationStatus.DestinationTooSmall =>
                $"decompresses to more than the {output.Length} bytes the page header says",
            OperationStatus.NeedMoreData => "the stream is cut off",
            _ => "the stream is invalid",
        };
        if (problem is not null)
            throw new ParquetFormatException($"BROTLI data is corrupt: {problem}.");
    }
}
