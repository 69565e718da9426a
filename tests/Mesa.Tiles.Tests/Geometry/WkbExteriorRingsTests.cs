using Mesa.GeoParquet;
using Mesa.Tiles.Geometry;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Tiles.Tests.Geometry;

/// <summary>Exterior rings out of the WKB flavours tbl_flat may hold; anything without area adds nothing.</summary>
public sealed class WkbExteriorRingsTests
{
    private static readonly WKTReader Wkt = new();

    [Theory]
    [InlineData(ByteOrder.LittleEndian, Ordinates.XY)]
    [InlineData(ByteOrder.BigEndian, Ordinates.XY)]
    [InlineData(ByteOrder.LittleEndian, Ordinates.XYZ)]
    [InlineData(ByteOrder.BigEndian, Ordinates.XYZM)]
    public void Reads_the_exterior_ring_in_any_byte_order_and_dimension(ByteOrder order, Ordinates ordinates)
    {
        var polygon = Wkt.Read("POLYGON Z ((10 60 1, 11 60 2, 11 61 3, 10 60 1), (10.2 60.1 0, 10.3 60.1 0, 10.3 60.2 0, 10.2 60.1 0))");
        var wkb = new WKBWriter(order, handleSRID: false, emitZ: ordinates.HasFlag(Ordinates.Z), emitM: ordinates.HasFlag(Ordinates.M)).Write(polygon);

        var rings = Read(wkb);

        Assert.Equal(1, rings.RingCount);
        Assert.Equal(4, rings.PointCount);
        Assert.Equal((10, 60, 11, 61), rings.LonLatBounds);
    }

    [Fact]
    public void Reads_ewkb_with_an_srid()
    {
        var polygon = Wkt.Read("POLYGON ((1 2, 3 2, 3 4, 1 2))");
        polygon.SRID = 4326;
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true).Write(polygon);

        Assert.Equal((1, 2, 3, 4), Read(wkb).LonLatBounds);
    }

    [Fact]
    public void Takes_every_polygon_of_collections_and_skips_points_and_lines()
    {
        var collection = Wkt.Read("GEOMETRYCOLLECTION (POINT (50 50), LINESTRING (0 0, 60 60), MULTIPOLYGON (((1 1, 2 1, 2 2, 1 1)), ((5 5, 6 5, 6 6, 5 5))), POLYGON ((8 8, 9 8, 9 9, 8 8)))");

        var rings = Read(new WKBWriter().Write(collection));

        Assert.Equal(3, rings.RingCount);
        Assert.Equal((1, 1, 9, 9), rings.LonLatBounds);
    }

    [Fact]
    public void Truncated_or_lying_wkb_is_a_format_error()
    {
        var wkb = new WKBWriter().Write(Wkt.Read("POLYGON ((1 2, 3 2, 3 4, 1 2))"));
        Assert.Throws<ParquetFormatException>(() => Read(wkb[..^5]));
        wkb[5] = 0xFF; // ring count far beyond the bytes left
        Assert.Throws<ParquetFormatException>(() => Read(wkb));
        Assert.Throws<ParquetFormatException>(() => Read([7]));
    }

    [Fact]
    public void Counting_finds_the_rings_and_points_that_reading_adds()
    {
        var collection = Wkt.Read("GEOMETRYCOLLECTION (POINT (50 50), MULTIPOLYGON (((1 1, 2 1, 2 2, 1 1), (1.2 1.2, 1.3 1.2, 1.3 1.3, 1.2 1.2)), ((5 5, 6 5, 6 6, 5 6, 5 5))))");
        var wkb = new WKBWriter().Write(collection);
        var counts = new RingCounts();

        WkbExteriorRings.Read(wkb, ref counts);

        var rings = Read(wkb);
        Assert.Equal((2, 9), (counts.Rings, counts.Points));
        Assert.Equal((rings.RingCount, rings.PointCount), (counts.Rings, counts.Points));
    }

    [Fact]
    public void Writers_fill_sized_storage_from_their_own_positions()
    {
        var first = new WKBWriter().Write(Wkt.Read("POLYGON ((1 1, 2 1, 2 2, 1 1))"));
        var second = new WKBWriter().Write(Wkt.Read("POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))"));
        var storage = CellRings.Allocate(cells: 2, rings: 2, points: 9);
        // The second cell is written first, as another thread might.
        var late = storage.WriterAt(cell: 1, ring: 1, point: 4);
        WkbExteriorRings.Read(second, ref late);
        late.EndCell();
        var early = storage.WriterAt(0, 0, 0);
        WkbExteriorRings.Read(first, ref early);
        early.EndCell();
        storage.Include(late);
        storage.Include(early);

        var appended = Read(first);
        appended.EndCell();
        WkbExteriorRings.Read(second, ref appended);
        appended.EndCell();
        Assert.Equal(appended.Xs.ToArray(), storage.Xs.ToArray());
        Assert.Equal(appended.Ys.ToArray(), storage.Ys.ToArray());
        Assert.Equal([appended.RingEnd(0), appended.RingEnd(1), appended.CellRingEnd(0), appended.CellRingEnd(1)],
            [storage.RingEnd(0), storage.RingEnd(1), storage.CellRingEnd(0), storage.CellRingEnd(1)]);
        Assert.Equal([appended.RingDiagonal2(0), appended.RingDiagonal2(1)], [storage.RingDiagonal2(0), storage.RingDiagonal2(1)]);
        Assert.Equal((1, 1, 6, 6), storage.LonLatBounds);
    }

    private static CellRings Read(byte[] wkb)
    {
        var rings = new CellRings();
        WkbExteriorRings.Read(wkb, ref rings);
        return rings;
    }
}
