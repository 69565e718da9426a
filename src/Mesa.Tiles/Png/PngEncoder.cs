using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mesa.Tiles.Png;

/// <summary>
/// Writes 8-bit RGBA PNGs. Every scanline uses filter 0 (None): tiles are flat colour areas, which
/// deflate already compresses to a few hundred bytes, and skipping the filter search keeps encoding cheap.
/// One instance per thread: it reuses its scanline and output buffers, so tiles do not churn the large-object heap.
/// </summary>
public sealed class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly MemoryStream _compressed = new();
    private readonly MemoryStream _png = new();
    private byte[] _raw = [];

    /// <param name="pixels">Row-major pixels, one uint per pixel holding R, G, B, A in memory order (R in the lowest byte on little-endian machines).</param>
    public byte[] Encode(ReadOnlySpan<uint> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height)
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}x{height} image.");
        _png.SetLength(0);
        _png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type RGBA
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (each line names its filter)
        header[12] = 0; // no interlace
        WriteChunk("IHDR"u8, header);
        WriteChunk("IDAT"u8, Compress(pixels, width, height));
        WriteChunk("IEND"u8, []);
        return _png.ToArray();
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<uint> pixels, int width, int height)
    {
        var stride = 1 + width * 4;
        if (_raw.Length != height * stride) _raw = new byte[height * stride];
        var rgba = MemoryMarshal.AsBytes(pixels);
        for (var y = 0; y < height; y++)
        {
            _raw[y * stride] = 0; // filter None
            rgba.Slice(y * width * 4, width * 4).CopyTo(_raw.AsSpan(y * stride + 1));
        }
        _compressed.SetLength(0);
        using (var zlib = new ZLibStream(_compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(_raw);
        return _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
    }

    private void WriteChunk(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        _png.Write(word);
        _png.Write(type);
        _png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        _png.Write(word);
    }
}
