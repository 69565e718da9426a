using Mesa.Processing.Intersect;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Gpu.Tests;

/// <summary>
/// The classification kernel on ILGPU's CPU accelerator against one asset with a hole: a cell deep inside
/// and a cell in the hole are decided on the device, a cell across the boundary is left to the exact rule,
/// and every verdict is the cpu engine's.
/// </summary>
public sealed class ClassifyKernelTests
{
    private static readonly WKTReader Wkt = new(new GeometryFactory(new PrecisionModel(), 4326).GeometryServices);

    private const string AssetWithHole =
        "POLYGON ((0 0, 0.1 0, 0.1 0.1, 0 0.1, 0 0), (0.04 0.04, 0.04 0.06, 0.06 0.06, 0.06 0.04, 0.04 0.04))";

    [Fact]
    public void Cells_clear_of_the_boundary_are_decided_on_the_device_and_the_rest_by_the_exact_rule()
    {
        var asset = new StackedAsset(0, new AssetObject(1, "g", null, true, 1, Wkt.Read(AssetWithHole)), null);
        var assets = AssetIndex.Build([asset]);
        (long, GeocodeObject)[] cells =
        [
            (0, Cell("inside", 0.01)),
            (1, Cell("in_hole", 0.045)),
            (2, Cell("across", 0.095)),
            (3, Cell("outside", 0.2)),
        ];
        using var device = GpuDevice.Open(GpuAccelerator.Cpu);
        using var evaluation = new GpuCellEvaluation(device, assets, 1, NullLogger.Instance);
        var results = new CellOverlaps[cells.Length];

        evaluation.Evaluate(cells, results, CancellationToken.None);

        // The cell outside the asset's envelope is no candidate, so the device sees three pairs.
        Assert.Equal(3, evaluation.Pairs);
        Assert.Equal(1, evaluation.BoundaryPairs);
        Assert.Equal([1, 0, 1, 0], results.Select(r => r.Assets.Count));
        var cpu = new CellEvaluator(assets);
        foreach (var (index, cell) in cells)
            Assert.Equal(cpu.Evaluate(index, 0, cell, CancellationToken.None).Assets.Count, results[index].Assets.Count);
    }

    [Fact]
    public void A_device_that_fails_mid_run_leaves_the_chunk_to_the_cpu_engine()
    {
        var asset = new StackedAsset(0, new AssetObject(1, "g", null, true, 1, Wkt.Read(AssetWithHole)), null);
        var assets = AssetIndex.Build([asset]);
        (long, GeocodeObject)[] cells = [(0, Cell("inside", 0.01)), (1, Cell("in_hole", 0.045)), (2, Cell("across", 0.095))];
        var device = GpuDevice.Open(GpuAccelerator.Cpu);
        var evaluation = new GpuCellEvaluation(device, assets, 1, NullLogger.Instance);
        var results = new CellOverlaps[cells.Length];

        // The accelerator goes away under the run, as a device lost mid-job does.
        device.Dispose();
        evaluation.Evaluate(cells, results, CancellationToken.None);

        Assert.NotNull(evaluation.Failure);
        Assert.Equal(0, evaluation.Pairs);
        Assert.Equal([1, 0, 1], results.Select(r => r.Assets.Count));
    }

    private static GeocodeObject Cell(string code, double corner)
    {
        var side = 0.008;
        var wkt = FormattableString.Invariant($"POLYGON (({corner} {corner}, {corner + side} {corner}, {corner + side} {corner + side}, {corner} {corner + side}, {corner} {corner}))");
        return new GeocodeObject(code, 1, "layer", Wkt.Read(wkt));
    }
}
