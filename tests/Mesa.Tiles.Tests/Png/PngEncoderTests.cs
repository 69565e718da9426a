using System.Text.Json;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Png;
using Mesa.Tiles.Tests.Support;

namespace Mesa.Tiles.Tests.Png;

public sealed class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
        Assert.Equal(TestPng.BitwiseCrc("IEND"u8), Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void An_encoded_image_decodes_to_the_same_pixels()
    {
        var random = new Random(7);
        var pixels = new uint[256 * 256];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = i % 3 == 0 ? Rgba.Transparent : (uint)random.Next() | 0x80000000u;

        var (width, height, decoded) = TestPng.Decode(new PngEncoder().Encode(pixels, 256, 256));

        Assert.Equal((256, 256), (width, height));
        Assert.Equal(pixels, decoded);
    }

    [Fact]
    public void An_encoder_reused_for_another_size_encodes_it_correctly()
    {
        var encoder = new PngEncoder();
        uint[] small = [Rgba.Opaque(1, 2, 3), Rgba.Transparent];
        encoder.Encode(new uint[256 * 256], 256, 256);

        Assert.Equal(small, TestPng.Decode(encoder.Encode(small, 2, 1)).Pixels);
    }

    [Fact]
    public void An_indexed_image_decodes_to_its_palette_colours_and_alphas()
    {
        uint[] palette = [Rgba.Transparent, Rgba.Opaque(1, 2, 3), 0x80_40_50_60u, Rgba.Opaque(255, 255, 255)];
        var indexes = new byte[256 * 256];
        for (var i = 0; i < indexes.Length; i++) indexes[i] = (byte)(i * 7 % palette.Length);

        var (width, height, decoded) = TestPng.Decode(new PngEncoder().EncodeIndexed(indexes, palette, 256, 256));

        Assert.Equal((256, 256), (width, height));
        Assert.Equal(indexes.Select(i => palette[i]), decoded);
    }

    [Theory]
    [InlineData(1, 256, 1)]
    [InlineData(2, 256, 1)]
    [InlineData(3, 256, 2)]
    [InlineData(16, 256, 4)]
    [InlineData(17, 256, 8)]
    [InlineData(2, 5, 1)] // lines that end inside a byte
    [InlineData(4, 7, 2)]
    [InlineData(9, 3, 4)]
    [InlineData(2, 40, 1)] // lines of whole bytes, narrower than a vector step
    public void Indexes_are_packed_at_the_smallest_bit_depth_for_the_palette(int colours, int width, int bitDepth)
    {
        var palette = Enumerable.Range(0, colours).Select(i => Rgba.Opaque(i, 255 - i, 7)).ToArray();
        var indexes = new byte[width * 9];
        for (var i = 0; i < indexes.Length; i++) indexes[i] = (byte)((i * 7 + i / width) % colours);

        var png = new PngEncoder().EncodeIndexed(indexes, palette, width, 9);

        Assert.Equal(bitDepth, png[8 + 8 + 8]); // IHDR's bit depth, after the signature, the chunk header, width and height
        Assert.Equal(indexes.Select(i => palette[i]), TestPng.Decode(png).Pixels);
    }

    [Fact]
    public void A_palette_must_hold_1_to_256_colours()
    {
        Assert.Throws<ArgumentException>(() => new PngEncoder().EncodeIndexed(new byte[4], [], 2, 2));
        Assert.Throws<ArgumentException>(() => new PngEncoder().EncodeIndexed(new byte[4], new uint[257], 2, 2));
    }

    // An indexed PNG is one band with a colour table to GDAL's PNG driver (its MBTiles driver expands tiles to RGBA,
    // which MbtilesFileTests checks); expanded, it must give the same four bands as the RGBA encoding.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gdal_reads_an_encoded_tile_as_four_byte_bands(bool indexed)
    {
        var pixels = new uint[3 * 2];
        pixels[4] = Rgba.Opaque(10, 20, 30);
        var path = Path.Combine(Path.GetTempPath(), $"mesa-png-{Guid.NewGuid():N}.png");
        var encoder = new PngEncoder();
        File.WriteAllBytes(path, indexed
            ? encoder.EncodeIndexed(pixels.Select(p => (byte)(p == 0 ? 0 : 1)).ToArray(), [Rgba.Transparent, pixels[4]], 3, 2)
            : encoder.Encode(pixels, 3, 2));
        var expanded = Path.ChangeExtension(path, ".rgba.png");
        try
        {
            if (indexed) Gdal.Run("gdal_translate", "-q", "-expand", "rgba", path, expanded);
            var read = indexed ? expanded : path;
            using var info = JsonDocument.Parse(Gdal.Run("gdalinfo", "-json", read));
            Assert.Equal([3, 2], info.RootElement.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
            Assert.Equal(4, info.RootElement.GetProperty("bands").GetArrayLength());
            Assert.Equal([10, 20, 30, 255], Gdal.PixelAt(read, 1, 1));
            Assert.Equal([0, 0, 0, 0], Gdal.PixelAt(read, 0, 0));
        }
        finally
        {
            File.Delete(path);
            File.Delete(expanded);
        }
    }
}
