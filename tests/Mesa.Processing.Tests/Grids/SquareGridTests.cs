using Mesa.Processing.Geodesy;
using Mesa.Processing.Grids;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Grids;

public sealed class SquareGridTests
{
    [Fact]
    public void Cells_tile_a_small_extent()
    {
        var extent = new Envelope(-3.1, -3.0, 55.9, 56.0);
        var cells = new SquareGrid(1500).Cover(extent, "sq_1500m", 1).ToList();
        Tiling.AssertTiles(cells, extent);
    }

    [Theory]
    [InlineData(0.0, 1000)]
    [InlineData(56.0, 1000)]
    [InlineData(-70.0, 300)]
    public void A_cell_at_the_centre_is_that_many_metres_on_a_side(double lat, double metres)
    {
        var extent = new Envelope(5.0, 5.2, lat - 0.1, lat + 0.1);
        var cell = new SquareGrid(metres).Cover(extent, "s", 1).Single(c => c.Geometry.Covers(new Point(5.1, lat + 1e-4)));
        Assert.InRange(GeodesicArea.Area(cell.Geometry) / (metres * metres), 0.99, 1.01);
    }

    [Fact]
    public void Codes_are_unique_and_the_same_on_every_run()
    {
        var extent = new Envelope(-60.0, -59.0, -10.0, -9.0);
        var grid = new SquareGrid(4000);
        var first = grid.Cover(extent, grid.DefaultGroupName, 1).Select(c => c.Code).ToList();
        Assert.Equal(first, grid.Cover(extent, grid.DefaultGroupName, 1).Select(c => c.Code));
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, c => Assert.Matches("^sq_-?[0-9]+_-?[0-9]+$", c));
        Assert.Equal("sq_4000m", grid.DefaultGroupName);
    }
}
