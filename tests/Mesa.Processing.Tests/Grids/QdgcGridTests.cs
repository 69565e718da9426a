using Mesa.Processing.Grids;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Grids;

public sealed class QdgcGridTests
{
    [Theory]
    // The worked example of the qdgc PostgreSQL extension: qdgc_encode(31.4, 2.7, 5).
    [InlineData(31.4, 2.7, 5, "E031N02ADBAC")]
    // Larsen's conversion utility: 38.98754324 / -9.87548764 lies in degree square E038S09.
    [InlineData(38.98754324, -9.87548764, 0, "E038S09")]
    [InlineData(38.98754324, -9.87548764, 1, "E038S09D")]
    // West and south: the square 10..11 W, 9..10 S; the point is in its north-east quadrant.
    [InlineData(-10.2, -9.3, 1, "W010S09B")]
    [InlineData(-10.7, -9.8, 2, "W010S09CD")]
    // The origin resolves east and north, then to the south-west quadrant at every level.
    [InlineData(0.0, 0.0, 1, "E000N00C")]
    [InlineData(0.0, 0.0, 2, "E000N00CC")]
    [InlineData(-0.3, 0.3, 0, "W000N00")]
    [InlineData(179.9, 89.9, 1, "E179N89B")]
    [InlineData(-179.9, -89.9, 1, "W179S89C")]
    public void Codes_match_the_published_convention(double lon, double lat, int level, string expected)
    {
        Assert.Equal(expected, QdgcGrid.CodeAt(lon, lat, level));
        var cell = Assert.Single(new QdgcGrid(level).Cover(new Envelope(lon, lon, lat, lat), "q", 1));
        Assert.Equal(expected, cell.Code);
        Assert.True(cell.Geometry.Covers(new Point(lon, lat)));
    }

    [Fact]
    public void Cells_tile_an_aligned_extent_exactly()
    {
        var extent = new Envelope(10, 12, -3, -1);
        var cells = new QdgcGrid(2).Cover(extent, "QDGC_L2", 1).ToList();
        Assert.Equal(64, cells.Count);
        Assert.Equal(extent.Area, cells.Sum(c => c.Geometry.Area), 12);
        Tiling.AssertTiles(cells, extent);
        Assert.All(cells, c => Assert.Equal(0.25, c.Geometry.EnvelopeInternal.Width));
    }

    [Fact]
    public void Cells_tile_an_unaligned_extent_across_the_equator_and_prime_meridian()
    {
        var extent = new Envelope(-0.3, 0.4, -0.2, 0.35);
        var cells = new QdgcGrid(3).Cover(extent, "QDGC_L3", 1).ToList();
        Tiling.AssertTiles(cells, extent);
        Assert.Equal(cells.Count, cells.Select(c => c.Code).Distinct().Count());
        Assert.Contains(cells, c => c.Code.StartsWith("W000S00", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Code.StartsWith("E000N00", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_cell_is_named_by_a_point_inside_it_and_codes_are_unique()
    {
        var cells = new QdgcGrid(6).Cover(new Envelope(32.0, 33.0, -4.0, -3.0), "QDGC_L6", 1).ToList();
        Assert.Equal(4096, cells.Count);
        Assert.Equal(4096, cells.Select(c => c.Code).Distinct().Count());
        Assert.All(cells, c =>
        {
            var centre = c.Geometry.EnvelopeInternal.Centre;
            Assert.Equal(QdgcGrid.CodeAt(centre.X, centre.Y, 6), c.Code);
            Assert.Equal(13, c.Code.Length);
        });
        Assert.Equal("QDGC_L6", new QdgcGrid(6).DefaultGroupName);
    }

    [Fact]
    public void Levels_outside_the_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QdgcGrid(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QdgcGrid(QdgcGrid.MaxLevel + 1));
    }
}
