using System.Buffers.Binary;
using System.IO.Compression;

namespace Mesa.Tiles.Png;

/// <summary>
/// Writes 8-bit RGBA PNGs. Every scanline uses filter 0 (None): tiles are flat colour areas, which
/// deflate already compresses to a few hundred bytes, and skipping the filter search keeps encoding cheap.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="pixels">Row-major pixels, one uint per pixel holding R, G, B, A in memory order (little-endian R lowest).</param>
    public static byte[] Encode(ReadOnlySpan<uint> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height)
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}x{height} image.");
        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type RGBA
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (each line names its filter)
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, Compress(pixels, width, height));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static ReadOnlySpan<byte> Compress(ReadOnlySpan<uint> pixels, int width, int height)
    {
        var raw = new byte[height * (1 + width * 4)];
        var rgba = System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels);
        for (var y = 0; y < height; y++)
        {
            var line = raw.AsSpan(y * (1 + width * 4), 1 + width * 4);
            line[0] = 0; // filter None
            rgba.Slice(y * width * 4, width * 4).CopyTo(line[1..]);
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(raw);
        return compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        png.Write(word);
    }
}
