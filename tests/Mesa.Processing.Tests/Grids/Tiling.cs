using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Mesa.Processing.Tests.Grids;

/// <summary>Assertions that a set of cells tiles an extent: no gaps over it, no overlaps between cells.</summary>
internal static class Tiling
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Every pair of cells has disjoint interiors and their union covers the extent.</summary>
    public static void AssertTiles(IReadOnlyList<GeocodeObject> cells, Envelope extent)
    {
        Assert.NotEmpty(cells);
        for (int a = 0; a < cells.Count; a++)
        {
            Assert.True(cells[a].Geometry.IsValid, $"{cells[a].Code} is invalid");
            for (int b = a + 1; b < cells.Count; b++)
            {
                var (ga, gb) = (cells[a].Geometry, cells[b].Geometry);
                if (ga.EnvelopeInternal.Intersects(gb.EnvelopeInternal))
                    Assert.False(ga.Relate(gb, "T********"), $"{cells[a].Code} overlaps {cells[b].Code}");
            }
        }
        var union = CascadedPolygonUnion.Union(cells.Select(c => c.Geometry).ToList());
        Assert.Equal(cells.Sum(c => c.Geometry.Area), union.Area, 1e-9 * union.Area);
        Assert.True(union.Covers(Factory.ToGeometry(extent)), "the cells leave part of the extent uncovered");
    }
}
