using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Tests.Support;

/// <summary>Renders tiles of hand-made cells with given colours through the production path (thinning, index, renderer, PNG) and decodes them.</summary>
internal static class TileRendering
{
    /// <returns>Every painted tile (XYZ column, row) with its decoded pixels.</returns>
    public static Dictionary<(long X, long Y), uint[]> Render(GroupCells group, uint[] colours, int zoom)
    {
        var rings = ZoomRings.Build(group.Rings, zoom);
        var index = TileIndex.Build(rings);
        var renderer = new TileRenderer([new TileLayer("test", "test", colours, [])]);
        var result = new Dictionary<(long, long), uint[]>();
        for (var i = 0; i < index.TileCount; i++)
        {
            var (x, y) = index.Tile(i);
            renderer.Render(rings, index.CellsOf(i), x, y, (_, png) =>
            {
                var (width, height, pixels) = TestPng.Decode(png);
                Assert.Equal((256, 256), (width, height));
                result.Add((x, y), pixels);
            });
        }
        return result;
    }

    public static uint At(uint[] pixels, int column, int row) => pixels[row * 256 + column];

    /// <summary>Pixels of the tile that have a colour, as (column, row).</summary>
    public static HashSet<(int Column, int Row)> Painted(uint[] pixels) =>
        Enumerable.Range(0, 256 * 256).Where(p => pixels[p] != Rgba.Transparent).Select(p => (p % 256, p / 256)).ToHashSet();

    public static HashSet<(int Column, int Row)> Block(int left, int top, int right, int bottom) =>
        (from r in Enumerable.Range(top, bottom - top) from c in Enumerable.Range(left, right - left) select (c, r)).ToHashSet();
}
