using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>GZIP: deflate in gzip framing (RFC 1952); the reader also takes zlib framing, which old parquet-cpp wrote.</summary>
internal sealed class GzipCodec(int level) : ICompressionCodec
{
    public const int MinLevel = 0;
    public const int MaxLevel = 9;
    public const int DefaultLevel = 6; // zlib's own default, what CompressionLevel.Optimal means

    public CompressionCodec Id => CompressionCodec.Gzip;

    // A complete gzip member holding nothing: GZipStream writes no bytes at all when never written to.
    private static ReadOnlySpan<byte> EmptyMember => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (input.IsEmpty)
        {
            output.Write(EmptyMember);
            return;
        }
        using var gzip = new GZipStream(new BufferWriterStream(output), new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: false);
        gzip.Write(input);
    }

    public unsafe void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
            throw new ParquetFormatException($"GZIP data is empty but the page header says {output.Length} bytes.");
        var zlib = IsZlibHeader(input);
        // GZipStream treats a cut-off trailer as the end of data, so the trailer's size field is checked here.
        if (!zlib && (input.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(input[^4..]) != (uint)output.Length))
            throw new ParquetFormatException($"GZIP data is corrupt: its trailer is missing or does not record the {output.Length} bytes the page header says.");
        try
        {
            fixed (byte* data = input)
            {
                using var source = new UnmanagedMemoryStream(data, input.Length);
                using Stream inflater = zlib
                    ? new ZLibStream(source, CompressionMode.Decompress)
                    : new GZipStream(source, CompressionMode.Decompress);
                var written = 0;
                while (written < output.Length)
                {
                    var read = inflater.Read(output[written..]);
                    if (read == 0)
                        throw new ParquetFormatException($"GZIP data decompresses to {written} bytes but the page header says {output.Length}.");
                    written += read;
                }
                // One byte past the declared size tells whether there is more, without inflating a bomb.
                Span<byte> probe = stackalloc byte[1];
                if (inflater.Read(probe) != 0)
                    throw new ParquetFormatException($"GZIP data decompresses to more than the {output.Length} bytes the page header says.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ParquetFormatException($"GZIP data is corrupt: {e.Message}", e);
        }
    }

    /// <summary>A zlib header is CM=8 with a check value making the first two bytes a multiple of 31; gzip starts 1F 8B.</summary>
    private static bool IsZlibHeader(ReadOnlySpan<byte> input) =>
        input.Length >= 2 && (input[0] & 0x0F) == 8 && ((input[0] << 8) | input[1]) % 31 == 0;
}
