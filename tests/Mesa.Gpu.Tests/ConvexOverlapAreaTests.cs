using System.Globalization;
using System.Text;
using ILGPU;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Gpu.Tests;

/// <summary>
/// The device's overlap area (classification kernel on ILGPU's CPU accelerator) against the cpu engine's clipped
/// area (ConvexCell), on hexagons with slanted edges and squares from the equator to 70 degrees north, and pieces
/// with holes, many vertices and edges on a cell's: wherever the device gives a bound, the cpu engine's area lies
/// within it, and the bound is small enough to decide most pairs.
/// </summary>
public sealed class ConvexOverlapAreaTests
{
    private static readonly WKTReader Wkt = new(new GeometryFactory(new PrecisionModel(), 4326).GeometryServices);

    [Theory]
    [InlineData(0.0)]
    [InlineData(45.0)]
    [InlineData(60.0)]
    [InlineData(70.0)]
    public void The_cpu_engine_area_lies_within_the_device_bound(double latitude)
    {
        var random = new Random((int)latitude + 1);
        var cells = new List<Geometry>();
        for (var i = 0; i < 12; i++)
        {
            var (x, y) = (10 + random.NextDouble() * 0.05, latitude + random.NextDouble() * 0.05);
            cells.Add(i % 2 == 0 ? Wkt.Read(Hexagon(x, y, 0.01)) : Wkt.Read(Square(x, y, 0.012)));
        }
        var assets = new List<StackedAsset>();
        for (var i = 0; i < 40; i++)
        {
            var (x, y) = (10 + random.NextDouble() * 0.06, latitude + random.NextDouble() * 0.06);
            var radius = 0.002 + random.NextDouble() * 0.02;
            var wkt = (i % 4) switch
            {
                0 => Star(random, x, y, radius, 12, null),
                1 => Star(random, x, y, radius, 400, radius / 3),
                2 => Star(random, x, y, radius, 60, radius / 2),
                _ => Square(x, y, radius),
            };
            assets.Add(new StackedAsset(i, new AssetObject(i + 1, "g", null, true, 1, Wkt.Read(wkt)), null));
        }
        var index = AssetIndex.Build(assets);
        var pairs = new List<(int Cell, int Piece)>();
        for (var c = 0; c < cells.Count; c++)
            for (var p = 0; p < index.Pieces.Count; p++)
                if (cells[c].EnvelopeInternal.Intersects(index.Pieces[p].Geometry.EnvelopeInternal)) pairs.Add((c, p));

        var (classes, areas, bounds) = Measure(index, cells, pairs);

        var measured = 0;
        var boundary = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (classes[i] != PieceClass.Boundary) continue;
            boundary++;
            if (!(bounds[i] < double.PositiveInfinity)) continue;
            measured++;
            var convex = ConvexCell.TryCreate(cells[pairs[i].Cell])!;
            var piece = index.Pieces[pairs[i].Piece];
            var cpu = convex.IntersectionAreaWebMercator(piece.Geometry);
            Assert.True(Math.Abs(areas[i] - cpu) <= bounds[i], $"pair {pairs[i]}: device {areas[i]} m^2, cpu {cpu} m^2, bound {bounds[i]} m^2");
            if (convex.IntersectionAreaWebMercator(piece.Outline, cells[pairs[i].Cell].EnvelopeInternal) is { } green)
                Assert.True(Math.Abs(areas[i] - green) <= bounds[i], $"pair {pairs[i]}: device {areas[i]} m^2, cpu {green} m^2, bound {bounds[i]} m^2");
            // The bound must be tight enough to matter: far below the 1 m^2 rule's scale on square cells,
            // and a small share of the cell on hexagons at high latitude.
            Assert.True(bounds[i] < 1e-4 * convex.AreaWebMercator + 0.01, $"pair {pairs[i]}: bound {bounds[i]} m^2 for a cell of {convex.AreaWebMercator} m^2");
        }
        Assert.True(boundary > 50, $"only {boundary} boundary pairs");
        Assert.True(measured > boundary * 9 / 10, $"the device measured {measured} of {boundary} boundary pairs");
    }

    [Fact]
    public void Pieces_touching_a_cell_edge_or_corner_exactly_are_measured_within_the_bound()
    {
        var cell = Wkt.Read(Square(10, 60, 0.01));
        string[] touching =
        [
            // A vertex on the cell's east edge, an edge along its north edge, a vertex on its south-west corner,
            // the cell's own square, and a neighbour sharing its west edge.
            "POLYGON ((10.005 60.002, 10.01 60.005, 10.005 60.008, 10.005 60.002))",
            "POLYGON ((10.002 60.005, 10.008 60.005, 10.008 60.01, 10.002 60.01, 10.002 60.005))",
            "POLYGON ((10 60, 10.004 59.99, 10.006 60.004, 10 60))",
            Square(10, 60, 0.01),
            Square(9.99, 60, 0.01),
        ];
        var assets = touching.Select((wkt, i) => new StackedAsset(i, new AssetObject(i + 1, "g", null, true, 1, Wkt.Read(wkt)), null)).ToList();
        var index = AssetIndex.Build(assets);
        var convex = ConvexCell.TryCreate(cell)!;

        var (classes, areas, bounds) = Measure(index, [cell], [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4)]);

        Assert.All(classes, c => Assert.Equal(PieceClass.Boundary, c));
        for (var i = 0; i < touching.Length; i++)
        {
            var cpu = convex.IntersectionAreaWebMercator(index.Pieces[i].Geometry);
            Assert.True(Math.Abs(areas[i] - cpu) <= bounds[i], $"piece {i}: device {areas[i]} m^2, cpu {cpu} m^2, bound {bounds[i]} m^2");
            Assert.True(bounds[i] < 0.1, $"piece {i}: bound {bounds[i]} m^2");
        }
    }

    [Fact]
    public void A_cell_that_is_not_convex_is_left_undecided()
    {
        var cell = Wkt.Read("POLYGON ((10 60, 10.01 60, 10.01 60.01, 10.005 60.004, 10 60.01, 10 60))");
        var asset = new StackedAsset(0, new AssetObject(1, "g", null, true, 1, Wkt.Read(Square(10.004, 60.002, 0.02))), null);

        var (classes, _, bounds) = Measure(AssetIndex.Build([asset]), [cell], [(0, 0)]);

        Assert.Equal(PieceClass.Boundary, classes[0]);
        Assert.Equal(double.PositiveInfinity, bounds[0]);
    }

    /// <summary>Runs the classification kernel on the given (cell, piece) pairs.</summary>
    internal static (int[] Classes, double[] Areas, double[] Bounds) Measure(AssetIndex index, IReadOnlyList<Geometry> cells, IReadOnlyList<(int Cell, int Piece)> pairs)
    {
        using var device = GpuDevice.Open(GpuAccelerator.Cpu);
        var accelerator = device.Accelerator;
        using var pieces = new DevicePieces(accelerator, index, new System.Diagnostics.Stopwatch());
        var records = new double[cells.Count * CellRecord.Stride];
        for (var c = 0; c < cells.Count; c++) Assert.True(CellRecord.Write(cells[c], records.AsSpan(c * CellRecord.Stride, CellRecord.Stride)));
        using var recordsOnDevice = accelerator.Allocate1D(records);
        using var pairCells = accelerator.Allocate1D(pairs.Select(p => p.Cell).ToArray());
        using var pairPieces = accelerator.Allocate1D(pairs.Select(p => p.Piece).ToArray());
        using var classes = accelerator.Allocate1D<int>(pairs.Count);
        using var areas = accelerator.Allocate1D<double>(pairs.Count);
        using var bounds = accelerator.Allocate1D<double>(pairs.Count);
        var classify = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>>(ClassifyKernel.Classify);
        classify(pairs.Count, pairCells.View, pairPieces.View, recordsOnDevice.View, pieces.Xs.View, pieces.Ys.View, pieces.RingStarts.View, pieces.RingSigns.View,
            pieces.PieceRings.View, pieces.Magnitudes.View, classes.View, areas.View, bounds.View);
        accelerator.Synchronize();
        return (classes.GetAsArray1D(), areas.GetAsArray1D(), bounds.GetAsArray1D());
    }

    /// <summary>A pointy-top hexagon in lon/lat around (x, y): four of its six edges are slanted.</summary>
    internal static string Hexagon(double x, double y, double radius)
    {
        var ring = new StringBuilder("POLYGON ((");
        for (var k = 0; k <= 6; k++)
        {
            var angle = Math.PI / 6 + k % 6 * Math.PI / 3;
            ring.Append(CultureInfo.InvariantCulture, $"{x + radius * Math.Cos(angle)} {y + radius * Math.Sin(angle)}").Append(k < 6 ? ", " : "))");
        }
        return ring.ToString();
    }

    internal static string Square(double x, double y, double size) => string.Create(CultureInfo.InvariantCulture,
        $"POLYGON (({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))");

    /// <summary>A star-shaped polygon (valid: radius varies, angle grows) with an optional round hole.</summary>
    internal static string Star(Random random, double x, double y, double radius, int vertices, double? hole)
    {
        var text = new StringBuilder("POLYGON ((");
        string? first = null;
        for (var k = 0; k < vertices; k++)
        {
            var angle = 2 * Math.PI * k / vertices;
            var r = radius * (0.7 + 0.3 * random.NextDouble());
            var point = string.Create(CultureInfo.InvariantCulture, $"{x + r * Math.Cos(angle)} {y + r * Math.Sin(angle)}");
            first ??= point;
            text.Append(point).Append(", ");
        }
        text.Append(first).Append(')');
        if (hole is { } h)
        {
            text.Append(", (");
            for (var k = 0; k <= 32; k++)
            {
                var angle = -2 * Math.PI * (k % 32) / 32;
                text.Append(CultureInfo.InvariantCulture, $"{x + h * Math.Cos(angle)} {y + h * Math.Sin(angle)}").Append(k < 32 ? ", " : ")");
            }
        }
        return text.Append(')').ToString();
    }
}
