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
    public void Gdal_reads_an_encoded_tile_as_four_byte_bands()
    {
        var pixels = new uint[3 * 2];
        pixels[4] = Rgba.Opaque(10, 20, 30);
        var path = Path.Combine(Path.GetTempPath(), $"mesa-png-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, new PngEncoder().Encode(pixels, 3, 2));
        try
        {
            using var info = JsonDocument.Parse(Gdal.Run("gdalinfo", "-json", path));
            Assert.Equal([3, 2], info.RootElement.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
            Assert.Equal(4, info.RootElement.GetProperty("bands").GetArrayLength());
            Assert.Equal([10, 20, 30, 255], Gdal.PixelAt(path, 1, 1));
            Assert.Equal([0, 0, 0, 0], Gdal.PixelAt(path, 0, 0));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
