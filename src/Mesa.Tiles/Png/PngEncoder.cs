using System.Buffers.Binary;
using System.Numerics;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mesa.Tiles.Png;

/// <summary>
/// Writes PNGs: 8-bit RGBA, or indexed (a palette of up to 256 colours with their alphas) at the smallest bit depth
/// the palette allows (<see cref="IndexPacking"/>), which has a quarter to a thirty-second of the bytes to deflate. Every scanline uses filter 2 (Up): in areas of flat colour a line equals the line above, so it
/// filters to zeros, which run-length matching packs a quarter smaller than the lines themselves; no filter search is needed.
/// One instance per thread: it reuses its scanline and output buffers, so tiles do not churn the large-object heap.
/// </summary>
public sealed class PngEncoder
{
    public const int MaxPaletteColours = 256;

    private const byte ColourTypeIndexed = 3;
    private const byte ColourTypeRgba = 6;
    private const byte FilterUp = 2;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Tiles are runs of flat colour: run-length matching finds what hashing would, for less work.
    private static readonly ZLibCompressionOptions RunLength = new() { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding };

    private readonly MemoryStream _compressed = new();
    private readonly MemoryStream _png = new();
    private byte[] _raw = [];
    private byte[] _packed = [];

    /// <param name="pixels">Row-major pixels, one uint per pixel holding R, G, B, A in memory order (R in the lowest byte on little-endian machines).</param>
    public byte[] Encode(ReadOnlySpan<uint> pixels, int width, int height)
    {
        CheckSize(pixels.Length, width, height);
        Start(width, height, ColourTypeRgba, bitDepth: 8);
        WriteChunk("IDAT"u8, Compress(MemoryMarshal.AsBytes(pixels), width * 4, height));
        return Finish();
    }

    /// <param name="indexes">Row-major palette indexes, one byte per pixel.</param>
    /// <param name="palette">The colours of the indexes (as <see cref="Encode"/>'s pixels), at most <see cref="MaxPaletteColours"/>; every index must name one.</param>
    public byte[] EncodeIndexed(ReadOnlySpan<byte> indexes, ReadOnlySpan<uint> palette, int width, int height)
    {
        CheckSize(indexes.Length, width, height);
        if (palette.Length is 0 or > MaxPaletteColours) throw new ArgumentException($"A palette holds 1 to {MaxPaletteColours} colours, not {palette.Length}.");
        var bitDepth = IndexPacking.BitDepth(palette.Length);
        Start(width, height, ColourTypeIndexed, bitDepth);
        Span<byte> rgb = stackalloc byte[3 * MaxPaletteColours];
        Span<byte> alpha = stackalloc byte[MaxPaletteColours];
        var alphas = 0; // tRNS may stop after the last colour that is not opaque
        for (var i = 0; i < palette.Length; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], alpha[i]) = ((byte)palette[i], (byte)(palette[i] >> 8), (byte)(palette[i] >> 16), (byte)(palette[i] >> 24));
            if (alpha[i] != 0xFF) alphas = i + 1;
        }
        WriteChunk("PLTE"u8, rgb[..(3 * palette.Length)]);
        if (alphas > 0) WriteChunk("tRNS"u8, alpha[..alphas]);
        WriteChunk("IDAT"u8, Compress(IndexPacking.Pack(indexes, width, height, bitDepth, ref _packed), IndexPacking.LineBytes(width, bitDepth), height));
        return Finish();
    }

    private static void CheckSize(int values, int width, int height)
    {
        if (width <= 0 || height <= 0 || values != width * height)
            throw new ArgumentException($"{values} pixels do not make a {width}x{height} image.");
    }

    private void Start(int width, int height, byte colourType, int bitDepth)
    {
        _png.SetLength(0);
        _png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bitDepth;
        header[9] = colourType;
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (each line names its filter)
        header[12] = 0; // no interlace
        WriteChunk("IHDR"u8, header);
    }

    private byte[] Finish()
    {
        WriteChunk("IEND"u8, []);
        return _png.ToArray();
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> image, int rowBytes, int height)
    {
        var stride = 1 + rowBytes;
        if (_raw.Length < height * stride) _raw = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            _raw[y * stride] = FilterUp;
            var line = image.Slice(y * rowBytes, rowBytes);
            var filtered = _raw.AsSpan(y * stride + 1, rowBytes);
            if (y == 0) line.CopyTo(filtered); // the line above the first is zeros
            else Subtract(line, image.Slice((y - 1) * rowBytes, rowBytes), filtered);
        }
        _compressed.SetLength(0);
        using (var zlib = new ZLibStream(_compressed, RunLength, leaveOpen: true)) zlib.Write(_raw, 0, height * stride);
        return _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
    }

    // Bytewise, wrapping: what filter Up stores.
    private static void Subtract(ReadOnlySpan<byte> line, ReadOnlySpan<byte> above, Span<byte> filtered)
    {
        var i = 0;
        for (; i + Vector<byte>.Count <= line.Length; i += Vector<byte>.Count)
            (new Vector<byte>(line[i..]) - new Vector<byte>(above[i..])).CopyTo(filtered[i..]);
        for (; i < line.Length; i++) filtered[i] = (byte)(line[i] - above[i]);
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
