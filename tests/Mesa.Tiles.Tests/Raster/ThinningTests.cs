using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Source;
using Mesa.Tiles.Tests.Support;

namespace Mesa.Tiles.Tests.Raster;

/// <summary>MESA's vertex thinning: 0.35 px from zoom 9 up, 0.6 px below, measured from the last kept vertex.</summary>
public sealed class ThinningTests
{
    [Theory]
    [InlineData(12, 0.30, 4)]
    [InlineData(12, 0.40, 5)]
    [InlineData(9, 0.34, 4)]
    [InlineData(9, 0.36, 5)]
    [InlineData(8, 0.50, 4)]
    [InlineData(8, 0.70, 5)]
    public void A_vertex_closer_than_the_threshold_to_the_last_kept_one_is_skipped(int zoom, double gap, int keptBeforeClosing)
    {
        var group = new GroupCells("g");
        // A 50 px square with an extra vertex `gap` px after its first corner; the closing vertex repeats the first.
        PixelCells.Add(group, zoom, [(1000, 1000), (1000 + gap, 1000), (1050, 1000), (1050, 1050), (1000, 1050)]);

        var rings = ZoomRings.Build(group.Rings, zoom);

        Assert.Equal(keptBeforeClosing + 1, rings.RingEnd(0) - rings.RingStart(0));
    }

    [Fact]
    public void Skipping_is_measured_from_the_last_kept_vertex_not_the_previous_one()
    {
        var group = new GroupCells("g");
        // Three steps of 0.2 px: the second is 0.4 px from the kept first vertex, so it is kept at zoom 12.
        PixelCells.Add(group, 12, [(1000, 1000), (1000.2, 1000), (1000.4, 1000), (1000.6, 1000), (1050, 1000), (1050, 1050), (1000, 1050)]);

        var rings = ZoomRings.Build(group.Rings, 12);

        Assert.Equal([1000, 1000.4, 1050, 1050, 1000, 1000], rings.Xs[rings.RingStart(0)..rings.RingEnd(0)].ToArray().Select(x => Math.Round(x, 6)));
    }

    [Fact]
    public void A_cell_thinned_below_three_vertices_paints_nothing()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, 6, PixelCells.Rectangle(1000.1, 1000.1, 1000.5, 1000.5));

        Assert.Empty(TileRendering.Render(group, [Rgba.Opaque(1, 2, 3)], 6));
        var rings = ZoomRings.Build(group.Rings, 6);
        Assert.Equal(rings.RingStart(0), rings.RingEnd(0));
        Assert.False(rings.Bounds(0).MinX <= rings.Bounds(0).MaxX);
    }

    [Fact]
    public void A_zoom_thins_away_only_when_every_ring_is_below_the_threshold()
    {
        var zooms = new ZoomRange(6, 7);
        var group = new GroupCells("g");
        PixelCells.Add(group, 6, PixelCells.Rectangle(1000.1, 1000.1, 1000.5, 1000.5)); // 0.57 px across at zoom 6, 1.1 px at 7
        Assert.Equal([7], ZoomRings.Drawn(group.Rings, zooms).Order());

        PixelCells.Add(group, 6, PixelCells.Rectangle(2000, 2000, 2001, 2001));
        Assert.Equal([6, 7], ZoomRings.Drawn(group.Rings, zooms).Order());
        Assert.Empty(ZoomRings.Drawn(new GroupCells("empty").Rings, zooms));
    }

    [Fact]
    public void Rings_built_in_another_zooms_arrays_equal_fresh_ones()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, 12, [(1000, 1000), (1000.2, 1000), (1000.4, 1000), (1050, 1000), (1050, 1050), (1000, 1050)]);
        PixelCells.Add(group, 12, PixelCells.Rectangle(1000.1, 1000.1, 1000.5, 1000.5));
        PixelCells.Add(group, 12, PixelCells.Rectangle(2000, 2000, 2600, 2300));

        var fresh = ZoomRings.Build(group.Rings, 12);
        var recycled = ZoomRings.Build(group.Rings, 12, recycle: ZoomRings.Build(group.Rings, 7));

        for (var ring = 0; ring < group.Rings.RingCount; ring++)
        {
            Assert.Equal(fresh.RingEnd(ring), recycled.RingEnd(ring));
            Assert.Equal(fresh.Xs[fresh.RingStart(ring)..fresh.RingEnd(ring)].ToArray(), recycled.Xs[recycled.RingStart(ring)..recycled.RingEnd(ring)].ToArray());
            Assert.Equal(fresh.Ys[fresh.RingStart(ring)..fresh.RingEnd(ring)].ToArray(), recycled.Ys[recycled.RingStart(ring)..recycled.RingEnd(ring)].ToArray());
        }
        for (var cell = 0; cell < group.CellCount; cell++) Assert.Equal(fresh.Bounds(cell), recycled.Bounds(cell));
    }
}
