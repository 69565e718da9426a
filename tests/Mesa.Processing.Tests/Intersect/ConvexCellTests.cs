using Mesa.Processing.Geodesy;
using Mesa.Processing.Intersect;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Tests.Intersect;

public sealed class ConvexCellTests
{
    private static readonly WKTReader Wkt = new();

    [Theory]
    [InlineData("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", true)]
    [InlineData("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))", true)]
    [InlineData("POLYGON ((0 0, 0.5 0, 1 0, 1 1, 0 1, 0 0))", true)]
    [InlineData("POLYGON ((0 0, 1 0, 0.5 0.2, 1 1, 0 1, 0 0))", false)]
    [InlineData("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))", false)]
    [InlineData("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))", false)]
    [InlineData("POLYGON ((0 0, 1 0, 2 0, 0 0))", false)]
    public void Only_single_convex_polygons_without_holes_are_clippers(string wkt, bool convex)
    {
        Assert.Equal(convex, ConvexCell.TryCreate(Wkt.Read(wkt)) is not null);
    }

    [Fact]
    public void Clipped_and_walked_areas_equal_overlay_areas_for_concave_holed_and_multipart_assets()
    {
        var random = new Random(3);
        var factory = new GeometryFactory();
        for (var trial = 0; trial < 1000; trial++)
        {
            var cell = Hexagon(factory, 10 + random.NextDouble() * 0.01, 60 + random.NextDouble() * 0.01, 0.002 + random.NextDouble() * 0.003);
            var asset = Asset(factory, random);
            var expected = WebMercator.Area(OverlayNGRobust.Overlay(cell, asset, SpatialFunction.Intersection));
            var convex = ConvexCell.TryCreate(cell)!;
            Assert.Equal(expected, convex.IntersectionAreaWebMercator(asset), 1e-9 * Math.Max(1, expected));
            var walked = convex.IntersectionAreaWebMercator(new AssetOutline(asset), cell.EnvelopeInternal);
            Assert.NotNull(walked);
            Assert.Equal(expected, walked.Value, 1e-9 * Math.Max(1, expected));
        }
    }

    private static Polygon Hexagon(GeometryFactory factory, double x, double y, double radius) =>
        factory.CreatePolygon(Enumerable.Range(0, 7).Select(i => new Coordinate(x + radius * Math.Cos(i * Math.PI / 3), y + radius * Math.Sin(i * Math.PI / 3))).ToArray());

    // A star-shaped concave blob, sometimes with a hole, sometimes with a second part.
    private static Geometry Asset(GeometryFactory factory, Random random)
    {
        Polygon Blob(double x, double y, double radius, bool hole)
        {
            var phase = random.NextDouble() * Math.Tau;
            Coordinate[] Ring(double scale) => Enumerable.Range(0, 41)
                .Select(i => i % 40 * Math.Tau / 40)
                .Select(a => new Coordinate(x + scale * radius * (1 + 0.4 * Math.Sin(5 * a + phase)) * Math.Cos(a), y + scale * radius * (1 + 0.4 * Math.Sin(5 * a + phase)) * Math.Sin(a)))
                .ToArray();
            return hole ? factory.CreatePolygon(factory.CreateLinearRing(Ring(1)), [factory.CreateLinearRing(Ring(0.3).Reverse().ToArray())]) : factory.CreatePolygon(Ring(1));
        }

        var first = Blob(10.005 + random.NextDouble() * 0.004, 60.005 + random.NextDouble() * 0.004, 0.001 + random.NextDouble() * 0.004, random.Next(3) == 0);
        if (random.Next(4) != 0) return first;
        var second = Blob(10.02, 60.02, 0.002, hole: false);
        return factory.CreateMultiPolygon([first, second]);
    }
}
