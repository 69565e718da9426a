using Mesa.Processing.Geodesy;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Tests.Intersect;

public sealed class AssetSubdivisionTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    // A wavy ring of 6,000 vertices with a hole: far above the piece size.
    private static Polygon BigAsset()
    {
        Coordinate[] Ring(double radius, bool reverse)
        {
            var ring = Enumerable.Range(0, 6001).Select(i => i % 6000 * Math.Tau / 6000)
                .Select(a => new Coordinate(10.05 + 2 * radius * (1 + 0.2 * Math.Sin(37 * a)) * Math.Cos(a), 60.05 + radius * (1 + 0.2 * Math.Sin(37 * a)) * Math.Sin(a)))
                .ToArray();
            return reverse ? ring.Reverse().ToArray() : ring;
        }
        return Factory.CreatePolygon(Factory.CreateLinearRing(Ring(0.04, false)), [Factory.CreateLinearRing(Ring(0.01, true))]);
    }

    [Fact]
    public void Pieces_are_small_and_tile_the_asset()
    {
        var asset = BigAsset();
        var pieces = AssetSubdivision.Pieces(asset);
        Assert.True(pieces.Count >= 12000 / AssetSubdivision.MaxVertices, $"{pieces.Count} pieces");
        Assert.All(pieces, p => Assert.True(p.NumPoints <= AssetSubdivision.MaxVertices, $"{p.NumPoints} vertices"));
        Assert.All(pieces, p => Assert.True(p.IsValid));
        Assert.Equal(WebMercator.Area(asset), pieces.Sum(WebMercator.Area), 1e-9 * WebMercator.Area(asset));
        Assert.Equal(0, Factory.BuildGeometry(pieces).Union().SymmetricDifference(asset).Area, 1e-12);
    }

    // A sea of 6,000 shell vertices with 400 small square islands as holes, most of them away from any cut.
    private static Polygon SeaWithIslands()
    {
        var shell = BigAsset().Shell;
        var holes = new List<LinearRing>();
        for (var column = 0; column < 20; column++)
        {
            for (var row = 0; row < 20; row++)
            {
                double x = 10.01 + column * 0.004, y = 60.03 + row * 0.002, side = 0.001;
                holes.Add(Factory.CreateLinearRing([new(x, y), new(x, y + side), new(x + side, y + side), new(x + side, y), new(x, y)]));
            }
        }
        // The big wavy hole is left out: the islands sit where it was.
        return Factory.CreatePolygon(shell, [.. holes]);
    }

    [Fact]
    public void Islands_away_from_the_cuts_go_back_into_the_piece_that_encloses_them()
    {
        var asset = SeaWithIslands();
        Assert.True(asset.IsValid);
        var pieces = AssetSubdivision.Pieces(asset);
        Assert.True(pieces.Count > 1, $"{pieces.Count} pieces");
        Assert.All(pieces, p => Assert.True(p.IsValid));
        Assert.Equal(WebMercator.Area(asset), pieces.Sum(WebMercator.Area), 1e-9 * WebMercator.Area(asset));
        Assert.Equal(0, Factory.BuildGeometry(pieces).Union().SymmetricDifference(asset).Area, 1e-12);
    }

    [Fact]
    public void A_multipolygon_with_an_island_in_a_lake_is_tiled_exactly()
    {
        var sea = SeaWithIslands();
        // An island inside one of the sea's holes (a lake with an island): a part inside another part's hole.
        var island = (Polygon)new WKTReader(Factory.GeometryServices).Read("POLYGON ((10.0503 60.0503, 10.0503 60.0507, 10.0507 60.0507, 10.0507 60.0503, 10.0503 60.0503))");
        Assert.Contains(sea.Holes, h => Factory.CreatePolygon(h).Contains(island));
        var asset = Factory.CreateMultiPolygon([sea, island]);
        Assert.True(asset.IsValid);
        var pieces = AssetSubdivision.Pieces(asset);
        Assert.All(pieces, p => Assert.True(p.IsValid));
        Assert.Equal(WebMercator.Area(asset), pieces.Sum(WebMercator.Area), 1e-9 * WebMercator.Area(asset));
        Assert.Equal(0, Factory.BuildGeometry(pieces).Union().SymmetricDifference(asset).Area, 1e-12);
    }

    [Fact]
    public void Small_or_non_polygonal_geometries_stay_whole()
    {
        var small = new WKTReader().Read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        Assert.Same(small, Assert.Single(AssetSubdivision.Pieces(small)));
        var line = Factory.CreateLineString(Enumerable.Range(0, 1000).Select(i => new Coordinate(i * 0.001, 0)).ToArray());
        Assert.Same(line, Assert.Single(AssetSubdivision.Pieces(line)));
    }

    [Fact]
    public void Stacked_pairs_of_a_subdivided_asset_match_a_plain_overlay()
    {
        var asset = BigAsset();
        var builder = new TestWorkloadBuilder().AddAssetGroup(1, "layer_001", 5, 5).AddAssetObject(1, 1, asset.AsText());
        var cells = new List<(string Code, Geometry Cell)>();
        for (var column = 0; column < 40; column++)
        {
            for (var row = 0; row < 25; row++)
            {
                var code = $"c{column}_{row}";
                var wkt = WorkedExampleWorkload.Box(9.96 + column * 0.0045, 60.0 + row * 0.0041, 9.96 + (column + 1) * 0.0045, 60.0 + (row + 1) * 0.0041);
                builder.AddGeocode(code, "basic_mosaic", wkt);
                cells.Add((code, new WKTReader().Read(wkt)));
            }
        }
        using var run = PipelineRun.Of(builder);
        var expected = cells.Where(c => WebMercator.Area(OverlayNGRobust.Overlay(c.Cell, asset, SpatialFunction.Intersection)) >= 1.0).Select(c => c.Code).ToHashSet();
        var actual = run.Stacked().Select(r => (string)r["code"]!).ToHashSet();
        Assert.True(expected.Count > 100 && expected.Count < cells.Count, $"{expected.Count} overlapped cells");
        Assert.True(expected.SetEquals(actual), $"differ: {string.Join(' ', expected.Except(actual).Concat(actual.Except(expected)).Take(10))}");
    }
}
