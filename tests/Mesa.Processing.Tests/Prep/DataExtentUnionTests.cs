using Mesa.Processing.Geodesy;
using Mesa.Processing.Prep;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Prep;

/// <summary>
/// The data extent's union: polygons spanning the extent are united first and what lies wholly inside them is
/// skipped, which must give the same point set, the same vertices on its boundary and so the same geodesic area.
/// </summary>
public sealed class DataExtentUnionTests
{
    private static readonly WKTReader Wkt = new(new NtsGeometryServices(new PrecisionModel(), 4326));

    // A sea of 10 x 4 degrees: its long northern edge is one geodesic unless other polygons put vertices on it.
    private const string Sea = "POLYGON ((0 50, 10 50, 10 54, 0 54, 0 50))";

    [Fact]
    public void A_polygon_touching_the_large_polygons_boundary_keeps_its_vertices_on_it()
    {
        // A small harbour whose top edge lies on the sea's northern edge, far from the sea's corners.
        var harbour = "POLYGON ((4 53.9, 4.2 53.9, 4.2 54, 4 54, 4 53.9))";

        var union = Union([Sea, harbour, .. Small(20)]);

        Assert.True(union.EqualsTopologically(Wkt.Read(Sea)));
        Assert.Contains(union.Coordinates, c => c.Equals2D(new Coordinate(4, 54)));
        Assert.Contains(union.Coordinates, c => c.Equals2D(new Coordinate(4.2, 54)));
        // Split at 4 and 4.2 degrees east, the northern edge follows three geodesics instead of one: a different area.
        var withoutHarbour = GeodesicArea.AreaKm2(Wkt.Read(Sea));
        Assert.NotEqual(withoutHarbour, GeodesicArea.AreaKm2(union), 6);
    }

    [Fact]
    public void Polygons_inside_and_outside_the_large_ones_give_the_union_of_all()
    {
        var island = "POLYGON ((20 50, 21 50, 21 51, 20 51, 20 50))";
        var crossing = "POLYGON ((9 51, 12 51, 12 52, 9 52, 9 51))";
        string[] all = [Sea, island, crossing, .. Small(300)];

        var union = Union(all);

        var expected = Wkt.Read(Sea).Union(Wkt.Read(island)).Union(Wkt.Read(crossing));
        Assert.True(union.EqualsTopologically(expected), union.ToText());
        Assert.Equal(GeodesicArea.AreaKm2(expected), GeodesicArea.AreaKm2(union), 6);
    }

    [Fact]
    public void Invalid_polygons_are_repaired_and_lines_and_points_add_nothing()
    {
        var bowTie = "POLYGON ((30 50, 31 51, 31 50, 30 51, 30 50))";
        var line = "LINESTRING (0 0, 40 40)";

        var union = Union(Sea, bowTie, line, "POINT (35 35)");

        Assert.True(union.IsValid);
        Assert.Equal(Wkt.Read(Sea).Area + 0.5, union.Area, 9);
    }

    [Fact]
    public void Invalid_polygons_inside_the_large_ones_add_nothing_and_those_reaching_out_are_repaired()
    {
        var bowTieInside = "POLYGON ((2 51, 3 52, 3 51, 2 52, 2 51))";
        var bowTieAcross = "POLYGON ((9 52, 11 53, 11 52, 9 53, 9 52))";

        var union = Union([Sea, bowTieInside, bowTieAcross, .. Small(100)]);

        var expected = Wkt.Read(Sea).Union(GeometryFixerOf(bowTieAcross));
        Assert.True(union.IsValid);
        Assert.True(union.EqualsTopologically(expected), union.ToText());
        Assert.Equal(GeodesicArea.AreaKm2(expected), GeodesicArea.AreaKm2(union), 6);
    }

    [Fact]
    public void A_large_invalid_polygon_is_repaired_before_the_others_are_tested_against_it()
    {
        // A sea drawn as a bow tie: two triangles meeting at (5 52). The small squares lie in the western one.
        var bowTieSea = "POLYGON ((0 50, 10 54, 10 50, 0 54, 0 50))";
        string[] small = ["POLYGON ((1 51.9, 1.2 51.9, 1.2 52.1, 1 52.1, 1 51.9))", "POLYGON ((11 51, 11.5 51, 11.5 51.5, 11 51.5, 11 51))"];

        var union = Union([bowTieSea, .. small]);

        var expected = GeometryFixerOf(bowTieSea).Union(Wkt.Read(small[1]));
        Assert.True(union.IsValid);
        Assert.True(union.EqualsTopologically(expected), union.ToText());
    }

    private static Geometry GeometryFixerOf(string wkt) => NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(Wkt.Read(wkt));

    // Small squares wholly inside the sea, away from its edges: they take no part in the union's boundary.
    private static string[] Small(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var x = 1 + i % 80 * 0.1;
            var y = 51 + i / 80 * 0.1;
            return FormattableString.Invariant($"POLYGON (({x} {y}, {x + 0.05} {y}, {x + 0.05} {y + 0.05}, {x} {y + 0.05}, {x} {y}))");
        })];

    private static Geometry Union(params string[] wkt) =>
        DataExtentStage.Union([.. wkt.Select(Wkt.Read)], threads: 2, progress: null, CancellationToken.None);
}
