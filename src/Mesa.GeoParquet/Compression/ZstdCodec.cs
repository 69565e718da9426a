using System.Buffers;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>ZSTD: one zstd frame per page. No managed zstd package restores here, so this calls the system libzstd.</summary>
internal sealed partial class ZstdCodec(int level) : ICompressionCodec
{
    public const int MinLevel = 1;
    public const int MaxLevel = 22;
    public const int DefaultLevel = 3; // what MESA (pyarrow) writes

    private const string Library = "libzstd.so.1";

    public CompressionCodec Id => CompressionCodec.Zstd;

    public unsafe void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var bound = (int)ZSTD_compressBound((nuint)input.Length);
        var target = output.GetSpan(bound);
        nuint written;
        fixed (byte* src = input)
        fixed (byte* dst = target)
            written = ZSTD_compress(dst, (nuint)target.Length, src, (nuint)input.Length, level);
        if (ZSTD_isError(written) != 0)
            throw new InvalidOperationException($"ZSTD compression failed: {ErrorName(written)}");
        output.Advance((int)written);
    }

    public unsafe void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        // Streaming decompression: a frame that holds several concatenated frames (some writers do that) still
        // decodes, and output can never exceed the size the page header declares.
        var stream = ZSTD_createDStream();
        if (stream == IntPtr.Zero)
            throw new OutOfMemoryException("ZSTD_createDStream failed.");
        try
        {
            fixed (byte* src = input)
            fixed (byte* dst = output)
            {
                var inBuffer = new InBuffer { Source = src, Size = (nuint)input.Length };
                var outBuffer = new OutBuffer { Destination = dst, Size = (nuint)output.Length };
                nuint result = 0;
                while (inBuffer.Position < inBuffer.Size)
                {
                    var before = inBuffer.Position + outBuffer.Position;
                    result = ZSTD_decompressStream(stream, ref outBuffer, ref inBuffer);
                    if (ZSTD_isError(result) != 0)
                        throw new ParquetFormatException($"ZSTD data is corrupt: {ErrorName(result)}.");
                    if (outBuffer.Position == outBuffer.Size && inBuffer.Position < inBuffer.Size && result != 0)
                        throw new ParquetFormatException($"ZSTD data decompresses to more than the {output.Length} bytes the page header says.");
                    if (inBuffer.Position + outBuffer.Position == before)
                        break;
                }
                if ((long)outBuffer.Position != output.Length)
                    throw new ParquetFormatException($"ZSTD data decompresses to {outBuffer.Position} bytes but the page header says {output.Length}.");
                // Non-zero means the last frame is unfinished even though the output is full: its checksum was cut off,
                // or it holds more bytes than the page header says.
                if (result != 0)
                    throw new ParquetFormatException(
                        $"ZSTD data does not end with its frame: it is cut off or decompresses to more than the {output.Length} bytes the page header says.");
            }
        }
        finally
        {
            ZSTD_freeDStream(stream);
        }
    }

    private static string ErrorName(nuint code) => Marshal.PtrToStringAnsi(ZSTD_getErrorName(code)) ?? $"error {code}";

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct InBuffer
    {
        public byte* Source;
        public nuint Size;
        public nuint Position;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct OutBuffer
    {
        public byte* Destination;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    private static partial IntPtr ZSTD_getErrorName(nuint code);

    [LibraryImport(Library)]
    private static partial IntPtr ZSTD_createDStream();

    [LibraryImport(Library)]
    private static partial nuint ZSTD_freeDStream(IntPtr stream);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_decompressStream(IntPtr stream, ref OutBuffer output, ref InBuffer input);
}
