using System.Globalization;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Gpu.Tests;

/// <summary>
/// The device broad phase on ILGPU's CPU accelerator against the cpu engine's STR-tree: on random boxes (small,
/// huge, thin, sharing edges and corners exactly) every cell gets the same candidate pieces in the same order.
/// </summary>
public sealed class DeviceBroadPhaseTests
{
    private static readonly WKTReader Wkt = new(new GeometryFactory(new PrecisionModel(), 4326).GeometryServices);

    [Theory]
    [InlineData(1, 300, 400)]
    [InlineData(2, 2_000, 1_500)]
    [InlineData(3, 40, 3_000)]
    public void Random_boxes_give_the_pairs_of_the_STR_tree(int seed, int assetCount, int cellCount)
    {
        var random = new Random(seed);
        var assets = new List<StackedAsset>();
        for (var i = 0; i < assetCount; i++)
        {
            // Mostly small boxes on a 0.01 degree lattice (so edges and corners coincide exactly), some huge, some thin.
            var kind = random.Next(20);
            var (x, y) = (Lattice(random, 0, 10), Lattice(random, 50, 60));
            var (width, height) = kind switch
            {
                0 => (Lattice(random, 3, 8), Lattice(random, 3, 8)),
                1 => (0.01, Lattice(random, 0.5, 2)),
                _ => (Lattice(random, 0.01, 0.3), Lattice(random, 0.01, 0.3)),
            };
            assets.Add(Asset(i, Box(x, y, x + width, y + height)));
        }
        var index = AssetIndex.Build(assets);
        var cells = new GeocodeObject[cellCount];
        for (var i = 0; i < cellCount; i++)
        {
            var (x, y) = (Lattice(random, -1, 11), Lattice(random, 49, 61));
            var size = random.Next(10) == 0 ? Lattice(random, 0.5, 3) : Lattice(random, 0.01, 0.1);
            cells[i] = new GeocodeObject($"c{i}", 1, "layer", Wkt.Read(Box(x, y, x + size, y + size)));
        }
        using var device = GpuDevice.Open(GpuAccelerator.Cpu);
        using var broadPhase = DeviceBroadPhase.TryCreate(device.Accelerator, index, new System.Diagnostics.Stopwatch());
        Assert.NotNull(broadPhase);
        Assert.True(broadPhase.LargePieces > 0 || assetCount < 1000, "no piece spans enough bins to test the list every cell checks");
        var records = new double[cellCount * CellRecord.Stride];
        for (var i = 0; i < cellCount; i++) Assert.True(CellRecord.Write(cells[i].Geometry, records.AsSpan(i * CellRecord.Stride, CellRecord.Stride)));
        using var recordsOnDevice = device.Accelerator.Allocate1D(records);

        var (ends, pairCells, pairPieces, pairCount) = broadPhase.Find(recordsOnDevice.View, cellCount, CellRecord.Stride);
        using (ends)
        using (pairCells)
        using (pairPieces)
        {
            var endOf = ends.GetAsArray1D();
            var cellOf = pairCells.GetAsArray1D();
            var pieceOf = pairPieces.GetAsArray1D();
            var idOf = index.Pieces.Select((piece, id) => (piece, id)).ToDictionary<(AssetPiece piece, int id), AssetPiece, int>(p => p.piece, p => p.id, ReferenceEqualityComparer.Instance);
            var expectedPairs = 0;
            for (var i = 0; i < cellCount; i++)
            {
                var expected = index.Candidates(cells[i].Geometry.EnvelopeInternal).Select(p => idOf[p]).ToArray();
                var start = i == 0 ? 0 : endOf[i - 1];
                Assert.Equal(expected, pieceOf[start..endOf[i]]);
                Assert.All(cellOf[start..endOf[i]], c => Assert.Equal(i, c));
                expectedPairs += expected.Length;
            }
            Assert.Equal(expectedPairs, pairCount);
            Assert.True(pairCount > cellCount / 4, $"only {pairCount} pairs for {cellCount} cells: the boxes hardly meet");
        }
    }

    [Fact]
    public void A_piece_with_a_box_that_is_not_finite_leaves_the_pairs_to_the_STR_tree()
    {
        var assets = new List<StackedAsset>
        {
            Asset(0, Box(0, 0, 1, 1)),
            new(1, new AssetObject(2, "g", null, true, 1, Wkt.Read(Box(0, 0, 1, 1)).Factory.CreatePolygon(
                [new Coordinate(0, 0), new Coordinate(double.PositiveInfinity, 0), new Coordinate(1, 1), new Coordinate(0, 1), new Coordinate(0, 0)])), null),
        };
        using var device = GpuDevice.Open(GpuAccelerator.Cpu);

        Assert.Null(DeviceBroadPhase.TryCreate(device.Accelerator, AssetIndex.Build(assets), new System.Diagnostics.Stopwatch()));
    }

    private static StackedAsset Asset(int index, string wkt) => new(index, new AssetObject(index + 1, "g", null, true, 1, Wkt.Read(wkt)), null);

    private static double Lattice(Random random, double min, double max) => Math.Round(min + random.NextDouble() * (max - min), 2);

    private static string Box(double minX, double minY, double maxX, double maxY) => string.Create(CultureInfo.InvariantCulture,
        $"POLYGON (({minX} {minY}, {maxX} {minY}, {maxX} {maxY}, {minX} {maxY}, {minX} {minY}))");
}
