using System.Buffers;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>LZ4_RAW: one LZ4 block without framing. No managed LZ4 package restores here, so this calls the system liblz4.</summary>
internal sealed partial class Lz4RawCodec : ICompressionCodec
{
    public static readonly Lz4RawCodec Instance = new();

    private const string Library = "liblz4.so.1";

    private Lz4RawCodec() { }

    public CompressionCodec Id => CompressionCodec.Lz4Raw;

    public unsafe void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var target = output.GetSpan(LZ4_compressBound(input.Length));
        int written;
        fixed (byte* src = input)
        fixed (byte* dst = target)
            written = LZ4_compress_default(src, dst, input.Length, target.Length);
        if (written <= 0 && input.Length > 0)
            throw new InvalidOperationException("LZ4 compression failed.");
        output.Advance(written);
    }

    public unsafe void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int written;
        // LZ4_decompress_safe never writes past the capacity it is given and rejects malformed input.
        fixed (byte* src = input)
        fixed (byte* dst = output)
            written = LZ4_decompress_safe(src, dst, input.Length, output.Length);
        if (written < 0)
            throw new ParquetFormatException($"LZ4_RAW data is corrupt or decompresses to more than the {output.Length} bytes the page header says.");
        if (written != output.Length)
            throw new ParquetFormatException($"LZ4_RAW data decompresses to {written} bytes but the page header says {output.Length}.");
    }

    [LibraryImport(Library)]
    private static partial int LZ4_compressBound(int inputSize);

    [LibraryImport(Library)]
    private static unsafe partial int LZ4_compress_default(byte* src, byte* dst, int srcSize, int dstCapacity);

    [LibraryImport(Library)]
    private static unsafe partial int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);
}
