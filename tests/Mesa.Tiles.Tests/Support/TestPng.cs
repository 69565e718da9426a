using System.Buffers.Binary;
using System.IO.Compression;

namespace Mesa.Tiles.Tests.Support;

/// <summary>
/// A minimal PNG reader for the encoder's output (8-bit RGBA or 1, 2, 4 or 8-bit indexed with PLTE and tRNS, no interlace, any of the five filters),
/// independent of the code under test: it checks every chunk's CRC with its own bit-by-bit CRC-32.
/// </summary>
internal static class TestPng
{
    public static (int Width, int Height, uint[] Pixels) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var offset = 8;
        int width = 0, height = 0, bytesPerPixel = 0, bitDepth = 8;
        byte[] palette = [], alphas = [];
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (!sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.True(crc == BitwiseCrc(png.AsSpan(offset + 4, 4 + length)), $"chunk {type} has a wrong CRC");
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Contains(data[9], new byte[] { 3, 6 }); // indexed or RGBA
                    bitDepth = data[8];
                    Assert.Contains(data[8], data[9] == 6 ? new byte[] { 8 } : new byte[] { 1, 2, 4, 8 });
                    Assert.Equal(new byte[] { 0, 0, 0 }, new[] { data[10], data[11], data[12] });
                    // Filters work on whole bytes: a pixel of fewer than 8 bits counts as one byte.
                    bytesPerPixel = data[9] == 6 ? 4 : 1;
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    alphas = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            offset += 12 + length;
        }
        Assert.Equal(png.Length, offset);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = bytesPerPixel == 4 ? 4 * width : (width * bitDepth + 7) / 8;
        Assert.Equal(height * (stride + 1), raw.Length);
        var image = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bytesPerPixel ? image[y * stride + i - bytesPerPixel] : 0;
                int b = y > 0 ? image[(y - 1) * stride + i] : 0;
                int c = i >= bytesPerPixel && y > 0 ? image[(y - 1) * stride + i - bytesPerPixel] : 0;
                int x = raw[y * (stride + 1) + 1 + i];
                image[y * stride + i] = (byte)(filter switch
                {
                    0 => x,
                    1 => x + a,
                    2 => x + b,
                    3 => x + (a + b) / 2,
                    4 => x + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        if (bytesPerPixel == 1) image = Expand(Unpack(image, width, height, bitDepth), palette, alphas);
        var pixels = new uint[width * height];
        for (var p = 0; p < pixels.Length; p++)
            pixels[p] = (uint)(image[4 * p] | (image[4 * p + 1] << 8) | (image[4 * p + 2] << 16) | (image[4 * p + 3] << 24));
        return (width, height, pixels);
    }

    // One byte per index out of lines of 1, 2, 4 or 8-bit indexes (leftmost pixel in the high bits); bits that pad a
    // line's last byte must be zero.
    private static byte[] Unpack(byte[] lines, int width, int height, int bitDepth)
    {
        var stride = (width * bitDepth + 7) / 8;
        var indexes = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bit = x * bitDepth;
                indexes[y * width + x] = (byte)((lines[y * stride + bit / 8] >> (8 - bitDepth - bit % 8)) & ((1 << bitDepth) - 1));
            }
            var used = width * bitDepth % 8;
            if (used != 0) Assert.Equal(0, lines[y * stride + stride - 1] & ((1 << (8 - used)) - 1));
        }
        return indexes;
    }

    // Palette indexes to RGBA; entries beyond tRNS are opaque, and every index must name a palette entry.
    private static byte[] Expand(byte[] indexes, byte[] palette, byte[] alphas)
    {
        Assert.True(palette.Length is > 0 and <= 3 * 256 && palette.Length % 3 == 0, $"PLTE of {palette.Length} bytes");
        Assert.True(alphas.Length <= palette.Length / 3, "tRNS longer than PLTE");
        var rgba = new byte[4 * indexes.Length];
        for (var p = 0; p < indexes.Length; p++)
        {
            var index = indexes[p];
            Assert.True(index < palette.Length / 3, $"index {index} outside the palette");
            rgba[4 * p] = palette[3 * index];
            rgba[4 * p + 1] = palette[3 * index + 1];
            rgba[4 * p + 2] = palette[3 * index + 2];
            rgba[4 * p + 3] = index < alphas.Length ? alphas[index] : (byte)255;
        }
        return rgba;
    }

    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
