using System.Globalization;
using Mesa.PostGis.Tests;
using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.Gpu.Tests;

/// <summary>
/// A workload for the device's overlap areas: hexagons with slanted edges at 60 N and a lattice of squares at
/// 45 N, cut across by assets with holes, with thousands of vertices (several pieces each), with edges and
/// corners on the cells' own, and by strips overlapping a cell by 0.88, 0.999, 1.002, 1.14 and 1.75 m^2 in
/// EPSG:3857 (the device decides the clear ones, the cpu engine those near 1 m^2); and non-convex cells, which
/// only the cpu engine measures.
/// </summary>
internal static class BoundaryWorkload
{
    private const double Side = 0.01;

    // A strip from 45.0821 to 45.0822 N overlapping a cell by w degrees covers w * 1.75502e6 m^2 in EPSG:3857.
    private static readonly double[] StripOverlaps = [5.0142e-7, 5.6923e-7, 5.7094e-7, 6.4957e-7, 9.9714e-7];

    public static TestWorkload Build()
    {
        var workload = new TestWorkload().Group(1, "layer_001", 5, 5, 25, "A", "Very high").Group(2, "layer_002", 3, 3, 9, "B", "Moderate");
        var radius = Side;
        for (var row = 0; row < 10; row++)
        {
            for (var column = 0; column < 10; column++)
            {
                var x = 10 + column * radius * Math.Sqrt(3) + (row % 2) * radius * Math.Sqrt(3) / 2;
                var y = 60 + row * 1.5 * radius;
                workload.Cell($"h{row}_{column}", ConvexOverlapAreaTests.Hexagon(x, y, radius));
            }
        }
        for (var row = 0; row < 10; row++)
            for (var column = 0; column < 10; column++)
                workload.Cell($"s{row}_{column}", Square(20 + column * Side, 45 + row * Side, Side));
        // Non-convex cells: an L and a notched square, across an asset's boundary.
        workload.Cell("l1", "POLYGON ((30 50, 30.02 50, 30.02 50.01, 30.01 50.01, 30.01 50.02, 30 50.02, 30 50))");
        workload.Cell("l2", "POLYGON ((30.03 50, 30.05 50, 30.05 50.02, 30.04 50.01, 30.03 50.02, 30.03 50))");
        workload.Asset(1, 1, Box(30.005, 50.005, 30.045, 50.015));

        var random = new Random(11);
        // Over the hexagons: a star of 3000 vertices with a hole, and smaller stars with and without holes.
        workload.Asset(2, 1, ConvexOverlapAreaTests.Star(random, 10.16, 60.07, 0.06, 3000, 0.02));
        for (var i = 0; i < 12; i++)
        {
            var (x, y) = (10.02 + random.NextDouble() * 0.15, 60.01 + random.NextDouble() * 0.12);
            workload.Asset(10 + i, 2, ConvexOverlapAreaTests.Star(random, x, y, 0.005 + random.NextDouble() * 0.02, 40 + i * 20, i % 2 == 0 ? 0.003 : null));
        }
        // Over the squares: edges on cell edges, a corner on a cell corner, a diagonal asset with a hole.
        workload.Asset(30, 1, Box(20.02, 45.02, 20.05, 45.07));
        workload.Asset(31, 2, Box(20.05, 45.07, 20.063, 45.084));
        workload.Asset(32, 2, "POLYGON ((20.061 45.0, 20.1 45.039, 20.061 45.078, 20.022 45.039, 20.061 45.0), (20.061 45.02, 20.045 45.039, 20.061 45.058, 20.077 45.039, 20.061 45.02))");
        workload.Asset(33, 1, Triangle(20.005, 45.005, 20.035, 45.0, 20.015, 45.033));
        for (var i = 0; i < StripOverlaps.Length; i++)
        {
            // Strips entering square s8_(i + 2) from the west.
            var west = 20 + (i + 2) * Side;
            workload.Asset(40 + i, 1 + i % 2, Box(west - 0.001, 45.0821, west + StripOverlaps[i], 45.0822));
        }
        return workload;
    }

    private static string Triangle(double x1, double y1, double x2, double y2, double x3, double y3) => string.Create(CultureInfo.InvariantCulture,
        $"POLYGON (({x1} {y1}, {x2} {y2}, {x3} {y3}, {x1} {y1}))");
}
