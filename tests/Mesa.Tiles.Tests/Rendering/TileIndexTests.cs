using Mesa.Tiles.Geometry;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Source;
using Mesa.Tiles.Tests.Support;

namespace Mesa.Tiles.Tests.Rendering;

/// <summary>Which cells each tile visits, for tile grids counted in an array (compact) and in a dictionary (sparse).</summary>
public sealed class TileIndexTests
{
    [Theory]
    [InlineData(40)] // 40 x 40 tiles: an array
    [InlineData(4000)] // 4000 x 4000 tiles for 5 pairs: a dictionary
    public void Tiles_come_row_by_row_each_with_its_cells_in_table_order(int far)
    {
        const int zoom = 12;
        var group = new GroupCells("g");
        PixelCells.Add(group, zoom, PixelCells.Rectangle(far * 256 + 10, far * 256 + 10, far * 256 + 20, far * 256 + 20)); // cell 0: tile (far, far)
        PixelCells.Add(group, zoom, PixelCells.Rectangle(5 * 256 + 250, 3 * 256 + 10, 5 * 256 + 260, 3 * 256 + 20)); // cell 1: tiles (5, 3) and (6, 3)
        PixelCells.Add(group, zoom, PixelCells.Rectangle(6 * 256 + 10, 3 * 256 + 250, 6 * 256 + 20, 3 * 256 + 260)); // cell 2: tiles (6, 3) and (6, 4)

        var index = TileIndex.Build(ZoomRings.Build(group.Rings, zoom));

        var tiles = Enumerable.Range(0, index.TileCount).Select(i => (index.Tile(i), index.CellsOf(i).ToArray())).ToList();
        Assert.Equal([((5L, 3L), [1]), ((6L, 3L), [1, 2]), ((6L, 4L), [2]), ((far, far), [0])], tiles, (a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2));
    }

    [Fact]
    public void A_cell_whose_box_holds_no_pixel_centre_is_in_no_tiles_list()
    {
        const int zoom = 12;
        var group = new GroupCells("g");
        PixelCells.Add(group, zoom, PixelCells.Rectangle(10.55, 10, 11.45, 13)); // centres 10.5 and 11.5 fall outside
        PixelCells.Add(group, zoom, PixelCells.Rectangle(20, 10.55, 23, 11.45));
        PixelCells.Add(group, zoom, PixelCells.Rectangle(30.45, 10, 30.9, 13)); // holds centre 30.5

        var index = TileIndex.Build(ZoomRings.Build(group.Rings, zoom));

        Assert.Equal([2], index.CellsOf(0).ToArray());
        Assert.Equal(1, index.TileCount);
    }

    [Fact]
    public void A_zoom_where_every_cell_thins_away_has_no_tiles()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, 6, PixelCells.Rectangle(1000.1, 1000.1, 1000.5, 1000.5));

        Assert.Equal(0, TileIndex.Build(ZoomRings.Build(group.Rings, 6)).TileCount);
    }
}
