using Mesa.Processing.Geodesy;
using Mesa.Processing.Import;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Import;

public sealed class AssetShapeTests
{
    private static readonly WKTReader Wkt = new(new GeometryFactory(new PrecisionModel(), 4326).GeometryServices);

    // NTS buffers with 8 segments per quadrant: the 32-gon covers 16 sin(pi/16) / pi = 99.36 % of the circle.
    private const double PolygonizedCircle = 0.9936;

    [Theory]
    [InlineData(39.2, -6.2)]
    [InlineData(8.3, 61.6)]
    public void Points_are_buffered_30_m_in_web_mercator(double lon, double lat)
    {
        var disc = AssetShape.ToPolygonal(Wkt.Read($"POINT ({lon} {lat})"), out var buffered);

        Assert.True(buffered);
        Assert.IsType<Polygon>(disc);
        Assert.Equal(Math.PI * 30 * 30 * PolygonizedCircle, WebMercator.Area(disc!), 0.5);
        var (cx, cy) = WebMercator.Forward(lon, lat);
        var (ex, ey) = WebMercator.Forward(disc!.Coordinates[0].X, disc.Coordinates[0].Y);
        Assert.Equal(30.0, Math.Sqrt((ex - cx) * (ex - cx) + (ey - cy) * (ey - cy)), 1e-6);
    }

    [Fact]
    public void Lines_are_buffered_into_a_30_m_corridor()
    {
        var (x0, y) = WebMercator.Forward(39.2, -6.2);
        var (lon1, _) = WebMercator.Inverse(x0 + 1000, y);
        var corridor = AssetShape.ToPolygonal(Wkt.Read($"LINESTRING (39.2 -6.2, {lon1} -6.2)"), out var buffered);

        Assert.True(buffered);
        Assert.Equal(2 * 30 * 1000 + Math.PI * 30 * 30 * PolygonizedCircle, WebMercator.Area(corridor!), 1.0);
    }

    [Fact]
    public void Overlapping_point_buffers_of_one_feature_are_merged()
    {
        var shape = AssetShape.ToPolygonal(Wkt.Read("MULTIPOINT ((39.2 -6.2), (39.2001 -6.2))"), out _);

        Assert.True(shape!.IsValid);
        Assert.IsType<Polygon>(shape);
    }

    [Fact]
    public void Mixed_collections_become_one_valid_polygonal_shape()
    {
        var shape = AssetShape.ToPolygonal(Wkt.Read(
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 0.001 0.001, 0.001 0, 0 0.001, 0 0)), GEOMETRYCOLLECTION (POINT (0.01 0.01), POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))))"), out var buffered);

        Assert.True(buffered);
        Assert.True(shape!.IsValid);
        Assert.IsType<MultiPolygon>(shape);
        Assert.Equal(4, shape.NumGeometries);
    }

    [Fact]
    public void Polygons_are_kept_and_invalid_ones_made_valid()
    {
        var square = Wkt.Read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        Assert.Same(square, AssetShape.ToPolygonal(square, out var buffered));
        Assert.False(buffered);

        var bowtie = AssetShape.ToPolygonal(Wkt.Read("POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"), out _);
        Assert.True(bowtie!.IsValid);
        Assert.Equal(0.5, bowtie.Area, 1e-12);
    }

    [Fact]
    public void A_polygon_that_collapses_when_repaired_gives_nothing()
    {
        Assert.Null(AssetShape.ToPolygonal(Wkt.Read("POLYGON ((0 0, 1 1, 2 2, 0 0))"), out _));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(39.2, -6.2)]
    [InlineData(-179.9, 84.9)]
    [InlineData(8.3, 61.6)]
    public void Web_mercator_inverse_round_trips(double lon, double lat)
    {
        var (x, y) = WebMercator.Forward(lon, lat);
        var (lon2, lat2) = WebMercator.Inverse(x, y);

        Assert.Equal(lon, lon2, 1e-9);
        Assert.Equal(lat, lat2, 1e-9);
    }
}
