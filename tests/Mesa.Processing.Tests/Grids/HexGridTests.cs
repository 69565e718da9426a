using Mesa.Processing.Geodesy;
using Mesa.Processing.Grids;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Grids;

public sealed class HexGridTests
{
    [Fact]
    public void Cells_tile_a_small_extent()
    {
        var extent = new Envelope(10.0, 10.1, 59.95, 60.02);
        var cells = new HexGrid(2000).Cover(extent, "hex_2000m", 1).ToList();
        Tiling.AssertTiles(cells, extent);
        Assert.All(cells, c => Assert.Equal(7, c.Geometry.NumPoints));
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(45.0, 500)]
    [InlineData(60.0, 1000)]
    [InlineData(-33.9, 250)]
    public void A_cell_at_the_centre_has_the_area_of_a_hexagon_that_many_metres_across_flats(double lat, double metres)
    {
        var extent = new Envelope(18.0, 18.2, lat - 0.1, lat + 0.1);
        var centre = new Point(18.1, lat + 1e-4);
        var cell = new HexGrid(metres).Cover(extent, "h", 1).Single(c => c.Geometry.Covers(centre));
        double expected = Math.Sqrt(3) / 2 * metres * metres;
        Assert.InRange(GeodesicArea.Area(cell.Geometry) / expected, 0.99, 1.01);
    }

    [Fact]
    public void Codes_are_unique_and_the_same_on_every_run()
    {
        var extent = new Envelope(30.0, 31.0, -2.0, -1.0);
        var grid = new HexGrid(3000);
        var first = grid.Cover(extent, "g", 1).ToList();
        var second = grid.Cover(extent, "g", 1).ToList();
        Assert.Equal(first.Select(c => c.Code), second.Select(c => c.Code));
        Assert.Equal(first.Select(c => c.Geometry.AsBinary()), second.Select(c => c.Geometry.AsBinary()));
        Assert.Equal(first.Count, first.Select(c => c.Code).Distinct().Count());
        Assert.All(first, c => Assert.Matches("^hex_-?[0-9]+_-?[0-9]+$", c.Code));
    }

    [Fact]
    public void Keep_skips_cells_before_they_are_built_and_names_the_group()
    {
        var extent = new Envelope(30.0, 30.2, 0.0, 0.2);
        var grid = new HexGrid(1000);
        var all = grid.Cover(extent, "hex_1000m", 7).ToList();
        var seen = new List<Envelope>();
        var west = grid.Cover(extent, "hex_1000m", 7, e => { seen.Add(e); return e.MaxX < 30.1; }).ToList();
        Assert.Equal(all.Count, seen.Count);
        Assert.Equal(all.Where(c => c.Geometry.EnvelopeInternal.MaxX < 30.1).Select(c => c.Code), west.Select(c => c.Code));
        Assert.All(all, c => Assert.Equal(("hex_1000m", 7L), (c.NameGisGeocodeGroup, c.RefGeocodeGroup)));
        Assert.Equal("hex_1000m", grid.DefaultGroupName);
        Assert.Equal("hex_12.5m", new HexGrid(12.5).DefaultGroupName);
    }

    [Fact]
    public void Bad_sizes_and_extents_are_refused_on_the_call()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HexGrid(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HexGrid(double.NaN));
        Assert.Throws<ArgumentException>(() => new HexGrid(100).Cover(new Envelope(), "g", 1));
        Assert.Throws<ArgumentException>(() => new HexGrid(100).Cover(new Envelope(170, 190, 0, 1), "g", 1));
        Assert.Throws<ArgumentException>(() => new HexGrid(100).Cover(new Envelope(0, 1, 86, 89), "g", 1));
    }
}
