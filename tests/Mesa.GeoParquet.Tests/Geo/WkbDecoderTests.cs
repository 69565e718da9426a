using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Geo;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Tests.Geo;

public sealed class WkbDecoderTests
{
    private static readonly NtsGeometryServices Services = new(PackedCoordinateSequenceFactory.DoubleFactory, new PrecisionModel(), 4326);

    private static byte[] Wkb(string wkt, ByteOrder order = ByteOrder.LittleEndian, int srid = 0)
    {
        var geometry = new WKTReader().Read(wkt);
        geometry.SRID = srid;
        return new WKBWriter(order, handleSRID: srid != 0, emitZ: geometry.Coordinate is { } c && !double.IsNaN(c.Z)).Write(geometry);
    }

    // Rings the direct path declines: big-endian, holes, Z, EWKB with an SRID, other types; the reader's output is the reference.
    public static TheoryData<byte[]> Values() =>
    [
        Wkb("POLYGON ((10 60, 10.1 60, 10.15 60.05, 10.1 60.1, 10 60.1, 9.95 60.05, 10 60))"),
        Wkb("POLYGON ((-1.5 0.25, 2 0.25, 2 3, -1.5 0.25))"),
        Wkb("POLYGON ((10 60, 11 60, 11 61, 10 60))", ByteOrder.BigEndian),
        Wkb("POLYGON ((10 60, 11 60, 11 61, 10 61, 10 60), (10.2 60.2, 10.4 60.2, 10.4 60.4, 10.2 60.2))"),
        Wkb("POLYGON Z ((10 60 1, 11 60 2, 11 61 3, 10 60 1))"),
        Wkb("POLYGON ((10 60, 11 60, 11 61, 10 60))", srid: 3857),
        Wkb("POLYGON EMPTY"),
        Wkb("MULTIPOLYGON (((5 58, 6 58, 6 59, 5 58)))"),
        Wkb("POINT (4.5 62)"),
        Wkb("LINESTRING (4.5 62, 8.25 63.75)"),
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Gives_the_geometry_NetTopologySuite_reads(byte[] wkb)
    {
        var expected = new WKBReader(Services) { HandleSRID = false }.Read(wkb);
        var actual = new WkbDecoder(Services).Read(wkb, "geometry", 0);
        AssertSame(expected, actual);
    }

    [Fact]
    public void A_ring_the_reader_repairs_is_repaired_the_same_way()
    {
        // Little-endian, one ring of four points that is not closed: the reader closes it.
        var open = Wkb("POLYGON ((10 60, 11 60, 11 61, 10 60))");
        BitConverter.GetBytes(10.5).CopyTo(open, open.Length - 16);
        var expected = new WKBReader(Services) { HandleSRID = false }.Read(open);
        var actual = new WkbDecoder(Services).Read(open, "geometry", 0);
        AssertSame(expected, actual);
        Assert.Equal(5, actual.NumPoints);
    }

    [Fact]
    public void Truncated_bytes_are_a_format_error_naming_column_and_row()
    {
        var wkb = Wkb("POLYGON ((10 60, 11 60, 11 61, 10 60))");
        var error = Assert.Throws<ParquetFormatException>(() => new WkbDecoder(Services).Read(wkb[..^5], "cells", 7));
        Assert.Contains("Column 'cells', row 7", error.Message);
    }

    private static void AssertSame(Geometry expected, Geometry actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.SRID, actual.SRID);
        Assert.True(expected.EqualsExact(actual), $"{actual} is not {expected}");
        Assert.Equal(expected.Factory, actual.Factory);
        var expectedRings = new List<CoordinateSequence>();
        var actualRings = new List<CoordinateSequence>();
        expected.Apply(new SequenceCollector(expectedRings));
        actual.Apply(new SequenceCollector(actualRings));
        Assert.Equal(expectedRings.Select(r => (r.GetType(), r.Dimension, r.Measures)), actualRings.Select(r => (r.GetType(), r.Dimension, r.Measures)));
    }

    private sealed class SequenceCollector(List<CoordinateSequence> sequences) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq) => sequences.Add(seq);
    }
}
