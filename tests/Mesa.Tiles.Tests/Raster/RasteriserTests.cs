using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Source;
using Mesa.Tiles.Tests.Support;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using static Mesa.Tiles.Tests.Support.TileRendering;

namespace Mesa.Tiles.Tests.Raster;

/// <summary>Pixel-exact rasterising of hand-made cells at zoom 10, tile (500, 300).</summary>
public sealed class RasteriserTests
{
    private const int Zoom = 10;
    private const double Left = 500 * 256;
    private const double Top = 300 * 256;
    private static readonly uint Red = Rgba.Opaque(255, 0, 0);
    private static readonly uint Blue = Rgba.Opaque(0, 0, 255);

    [Fact]
    public void A_square_cell_paints_exactly_the_pixels_whose_centres_it_covers()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 10, Top + 20, Left + 40, Top + 60));

        var tiles = Render(group, [Red], Zoom);

        var tile = Assert.Single(tiles);
        Assert.Equal((500L, 300L), tile.Key);
        Assert.Equal(Block(10, 20, 40, 60), Painted(tile.Value));
        Assert.Equal(Red, At(tile.Value, 10, 20));
    }

    [Fact]
    public void Pixel_centres_decide_at_fractional_edges()
    {
        var group = new GroupCells("g");
        // Centres 10.5 and 39.5 are inside [10.4, 39.6); 10.5 is outside [10.6, ...).
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 10.4, Top + 20.6, Left + 39.6, Top + 59.4));

        var tile = Render(group, [Red], Zoom)[(500, 300)];

        Assert.Equal(Block(10, 21, 40, 59), Painted(tile));
    }

    [Fact]
    public void Holes_are_ignored_so_a_holed_cell_paints_its_hole_too()
    {
        var group = new GroupCells("g");
        var factory = new GeometryFactory();
        Coordinate Corner(double x, double y)
        {
            var (lon, lat) = PixelCells.ToLonLat(Left + x, Top + y, Zoom);
            return new Coordinate(lon, lat);
        }
        LinearRing Ring(double l, double t, double r, double b) =>
            factory.CreateLinearRing([Corner(l, t), Corner(r, t), Corner(r, b), Corner(l, b), Corner(l, t)]);
        var holed = factory.CreatePolygon(Ring(0, 0, 100, 100), [Ring(30, 30, 70, 70)]);
        var rings = group.Rings;
        WkbExteriorRings.Read(new WKBWriter().Write(factory.CreateMultiPolygon([holed])), ref rings);
        group.EndCell(PixelCells.Values());

        var tile = Render(group, [Red], Zoom)[(500, 300)];

        Assert.Equal(Block(0, 0, 100, 100), Painted(tile));
    }

    [Fact]
    public void A_cell_crossing_a_tile_edge_paints_its_part_of_each_tile()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 240, Top + 250, Left + 256 + 20, Top + 256 + 5));

        var tiles = Render(group, [Red], Zoom);

        Assert.Equal(new HashSet<(long, long)> { (500, 300), (501, 300), (500, 301), (501, 301) }, tiles.Keys.ToHashSet());
        Assert.Equal(Block(240, 250, 256, 256), Painted(tiles[(500, 300)]));
        Assert.Equal(Block(0, 250, 20, 256), Painted(tiles[(501, 300)]));
        Assert.Equal(Block(240, 0, 256, 5), Painted(tiles[(500, 301)]));
        Assert.Equal(Block(0, 0, 20, 5), Painted(tiles[(501, 301)]));
    }

    [Fact]
    public void Cells_sharing_an_edge_leave_no_gap_and_no_pixel_twice()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 10, Top + 10, Left + 100.5, Top + 50));
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 100.5, Top + 10, Left + 200, Top + 50));

        var tile = Render(group, [Red, Blue], Zoom)[(500, 300)];

        Assert.Equal(Block(10, 10, 200, 50), Painted(tile));
        Assert.Equal(Red, At(tile, 99, 30));
        Assert.Equal(Blue, At(tile, 100, 30));
    }

    [Fact]
    public void The_later_cell_wins_and_an_uncoloured_cell_lets_the_one_below_show()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 0, Top + 0, Left + 50, Top + 50));
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 25, Top + 0, Left + 75, Top + 50));
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + 0, Top + 0, Left + 75, Top + 50));

        var tile = Render(group, [Red, Blue, Rgba.Transparent], Zoom)[(500, 300)];

        Assert.Equal(Red, At(tile, 24, 10));
        Assert.Equal(Blue, At(tile, 25, 10));
        Assert.Equal(Blue, At(tile, 74, 10));
        Assert.Equal(Block(0, 0, 75, 50), Painted(tile));
    }

    [Fact]
    public void Tiles_wholly_inside_a_cell_are_one_colour()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left - 300, Top - 300, Left + 556, Top + 556));

        var tiles = Render(group, [Red], Zoom);

        // Columns and rows 498..502: the middle 3 x 3 tiles lie wholly inside.
        Assert.Equal(25, tiles.Count);
        var inside = tiles.Where(t => t.Key.X is >= 499 and <= 501 && t.Key.Y is >= 299 and <= 301).ToList();
        Assert.Equal(9, inside.Count);
        Assert.All(inside, t => Assert.Equal(Block(0, 0, 256, 256), Painted(t.Value)));
        Assert.Equal(Block(212, 212, 256, 256), Painted(tiles[(498, 298)]));
        Assert.Equal(Block(0, 0, 44, 44), Painted(tiles[(502, 302)]));
        Assert.Equal(Red, At(tiles[(501, 300)], 255, 255));
    }

    [Fact]
    public void A_triangle_follows_its_slanted_edge()
    {
        var group = new GroupCells("g");
        // Right triangle (0,0)-(64,0)-(0,64): pixel (c, r) is inside when c + r + 1 < 64.
        PixelCells.Add(group, Zoom, [(Left, Top), (Left + 64, Top), (Left, Top + 64)]);

        var tile = Render(group, [Red], Zoom)[(500, 300)];

        var expected = Block(0, 0, 64, 64).Where(p => p.Column + p.Row + 1 < 64).ToHashSet();
        Assert.Equal(expected, Painted(tile));
    }

    // 255 colours and transparent fill an indexed PNG's palette; one more colour needs RGBA.
    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(300)]
    public void A_tile_of_any_number_of_colours_keeps_every_pixel_colour(int cells)
    {
        var group = new GroupCells("g");
        for (var i = 0; i < cells; i++)
            PixelCells.Add(group, Zoom, PixelCells.Rectangle(Left + i % 16 * 16, Top + i / 16 * 12, Left + i % 16 * 16 + 8, Top + i / 16 * 12 + 8));
        var colours = Enumerable.Range(0, cells).Select(i => Rgba.Opaque(i % 256, i / 256, 7)).ToArray();

        var tile = Render(group, colours, Zoom)[(500, 300)];

        for (var i = 0; i < cells; i++) Assert.Equal(colours[i], At(tile, i % 16 * 16 + 4, i / 16 * 12 + 4));
        Assert.Equal(Rgba.Transparent, At(tile, 12, 4));
        Assert.Equal(cells * 64, Painted(tile).Count);
    }
}
