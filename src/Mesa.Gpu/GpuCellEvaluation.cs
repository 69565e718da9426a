using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Gpu;

/// <summary>
/// Intersect's chunks with the device's help: the candidate (cell, piece) pairs are found on the device
/// (<see cref="DeviceBroadPhase"/>) and classified there (<see cref="ClassifyKernel"/>), with the overlap area
/// of convex cells near a piece's boundary (<see cref="ConvexOverlapArea"/>). An asset whose pieces the device
/// decided beyond doubt takes that verdict; every other asset goes through the cpu engine's exact rule in
/// <see cref="CellEvaluator"/>, which also builds each cell's result. When the device fails, this chunk and
/// every later one run on the cpu engine.
/// </summary>
internal sealed class GpuCellEvaluation : ICellChunkEvaluator, IDisposable
{
    // The cpu engine sends verdicts within 1e-9 m^2 of the threshold to the overlay; these stay further off.
    private const double ThresholdTolerance = 2e-9;

    private readonly GpuDevice _device;
    private readonly AssetIndex _assets;
    private readonly DevicePieces _pieces;
    private readonly DeviceBroadPhase? _broadPhase;
    private readonly CellEvaluator _evaluator;
    private readonly ParallelCellEvaluation _cpu;
    private readonly int _threads;
    private readonly ILogger _logger;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
        ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>> _classify;
    private readonly Stopwatch _broadPhaseKernels = new();
    private readonly Stopwatch _classifyKernel = new();
    private readonly Stopwatch _uploads = new();
    private readonly Stopwatch _downloads = new();
    private long _pairs;
    private long _boundaryPairs;
    private long _boundaryPairsDecided;

    public GpuCellEvaluation(GpuDevice device, AssetIndex assets, int threads, ILogger logger)
    {
        _device = device;
        _assets = assets;
        _threads = threads;
        _logger = logger;
        _evaluator = new CellEvaluator(assets);
        _cpu = new ParallelCellEvaluation(_evaluator, threads);
        _pieces = new DevicePieces(device.Accelerator, assets, _uploads);
        _broadPhase = DeviceBroadPhase.TryCreate(device.Accelerator, assets, _uploads);
        if (_broadPhase is null)
            logger.LogWarning("Some asset piece's bounding box is not finite: the cpu engine's STR-tree finds the candidate pairs for the gpu engine");
        _classify = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>>(ClassifyKernel.Classify);
    }

    /// <summary>Why the device stopped being used, or null while it works.</summary>
    public string? Failure { get; private set; }

    public long VertexCount => _pieces.VertexCount;

    /// <summary>Whether the candidate pairs come from the device (else from the cpu engine's STR-tree).</summary>
    public bool PairsOnDevice => _broadPhase is not null;

    /// <summary>Where the candidate pairs come from, for the log.</summary>
    public string PairSource => _broadPhase?.ToString() ?? "the cpu engine's STR-tree";

    public TimeSpan BroadPhaseKernelTime => _broadPhaseKernels.Elapsed;

    public TimeSpan ClassifyKernelTime => _classifyKernel.Elapsed;

    public TimeSpan KernelTime => _broadPhaseKernels.Elapsed + _classifyKernel.Elapsed;

    public TimeSpan UploadTime => _uploads.Elapsed;

    public TimeSpan DownloadTime => _downloads.Elapsed;

    public TimeSpan TransferTime => _uploads.Elapsed + _downloads.Elapsed;

    public long Pairs => _pairs;

    /// <summary>Pairs whose piece boundary comes near the cell.</summary>
    public long BoundaryPairs => _boundaryPairs;

    /// <summary>Boundary pairs whose asset the device still decided (from overlap areas, or a piece holding the cell).</summary>
    public long BoundaryPairsDecided => Interlocked.Read(ref _boundaryPairsDecided);

    /// <summary>Pairs the device left to the cpu engine's exact rule.</summary>
    public long ExactRulePairs => _boundaryPairs - BoundaryPairsDecided;

    public void Evaluate((long Index, GeocodeObject Cell)[] chunk, CellOverlaps[] results, CancellationToken cancellation)
    {
        if (Failure is null)
        {
            var cells = new double[chunk.Length * CellRecord.Stride];
            var byCpu = new bool[chunk.Length];
            Parallel.For(0, chunk.Length, Options(cancellation), i => byCpu[i] = !CellRecord.Write(chunk[i].Cell.Geometry, cells.AsSpan(i * CellRecord.Stride, CellRecord.Stride)));
            var pairs = OnDevice(chunk, cells, byCpu, cancellation);
            if (pairs is not null)
            {
                Parallel.For(0, chunk.Length, Options(cancellation), i =>
                {
                    var (index, cell) = chunk[i];
                    if (byCpu[i])
                    {
                        results[i] = _evaluator.Evaluate(index, IntersectStage.PartitionOf(index), cell, cancellation);
                        return;
                    }
                    int first = pairs.FirstPair[i], end = pairs.FirstPair[i + 1];
                    var candidates = new List<AssetPiece>(end - first);
                    for (var p = first; p < end; p++) candidates.Add(_assets.Pieces[pairs.Pieces[p]]);
                    results[i] = _evaluator.Evaluate(index, IntersectStage.PartitionOf(index), cell, candidates,
                        (start, stop) => Verdict(pairs, first + start, first + stop), cancellation);
                });
                return;
            }
        }
        _cpu.Evaluate(chunk, results, cancellation);
    }

    /// <summary>What the device found for a chunk: each cell's first pair, and every pair's piece, class, overlap area and its bound.</summary>
    private sealed record DevicePairs(int[] FirstPair, int[] Pieces, int[] Classes, double[] Areas, double[] Bounds);

    // The cpu rule walks an asset's pieces in order: a clear piece holding the cell decides "overlaps", a clear
    // piece without it adds nothing, a piece near the boundary adds its overlap area, and the sum decides. The
    // device's sum stands only where it is farther from 1 m^2 than its error bound, counted twice (the cpu
    // engine's sum is as close to the exact one), and every piece it measured is valid, as the cpu rule requires.
    private OverlapVerdict? Verdict(DevicePairs pairs, int first, int end)
    {
        double area = 0, bound = 0;
        var measured = 0;
        for (var p = first; p < end; p++)
        {
            switch (pairs.Classes[p])
            {
                case PieceClass.Inside:
                    Interlocked.Add(ref _boundaryPairsDecided, measured);
                    return OverlapVerdict.Overlaps;
                case PieceClass.Boundary:
                    if (!(pairs.Bounds[p] < double.PositiveInfinity) || !_assets.Pieces[pairs.Pieces[p]].Outline.IsValid) return null;
                    area += pairs.Areas[p];
                    bound += pairs.Bounds[p];
                    measured++;
                    break;
            }
        }
        if (!(Math.Abs(area - OverlapRule.MinimumAreaM2) > 2 * bound + ThresholdTolerance)) return null;
        Interlocked.Add(ref _boundaryPairsDecided, measured);
        return area >= OverlapRule.MinimumAreaM2 ? OverlapVerdict.Overlaps : OverlapVerdict.Apart;
    }

    /// <summary>Pairs, classes and areas of a chunk; null when the device failed.</summary>
    private DevicePairs? OnDevice((long Index, GeocodeObject Cell)[] chunk, double[] cells, bool[] byCpu, CancellationToken cancellation)
    {
        (int[] FirstPair, int[] Cells, int[] Pieces)? hostPairs = _broadPhase is null ? HostPairs(chunk, byCpu, cancellation) : null;
        cancellation.ThrowIfCancellationRequested();
        var accelerator = _device.Accelerator;
        MemoryBuffer1D<int, Stride1D.Dense>? ends = null, pairCells = null, pairPieces = null;
        try
        {
            _uploads.Start();
            using var cellsOnDevice = accelerator.Allocate1D(cells);
            int[] firstPair;
            int pairCount;
            if (hostPairs is { } host)
            {
                firstPair = host.FirstPair;
                pairCount = firstPair[^1];
                pairCells = accelerator.Allocate1D(host.Cells.Length == 0 ? new int[1] : host.Cells);
                pairPieces = accelerator.Allocate1D(host.Pieces.Length == 0 ? new int[1] : host.Pieces);
                accelerator.Synchronize();
                _uploads.Stop();
            }
            else
            {
                accelerator.Synchronize();
                _uploads.Stop();
                _broadPhaseKernels.Start();
                (ends, pairCells, pairPieces, pairCount) = _broadPhase!.Find(cellsOnDevice.View, chunk.Length, CellRecord.Stride);
                _broadPhaseKernels.Stop();
                _downloads.Start();
                firstPair = new int[chunk.Length + 1];
                ends.GetAsArray1D().CopyTo(firstPair, 1);
                _downloads.Stop();
            }
            if (pairCount == 0) return new DevicePairs(firstPair, [], [], [], []);
            using var classesOnDevice = accelerator.Allocate1D<int>(pairCount);
            using var areasOnDevice = accelerator.Allocate1D<double>(pairCount);
            using var boundsOnDevice = accelerator.Allocate1D<double>(pairCount);
            _classifyKernel.Start();
            _classify(pairCount, pairCells.View, pairPieces.View, cellsOnDevice.View, _pieces.Xs.View, _pieces.Ys.View, _pieces.RingStarts.View,
                _pieces.RingSigns.View, _pieces.PieceRings.View, _pieces.Magnitudes.View, classesOnDevice.View, areasOnDevice.View, boundsOnDevice.View);
            accelerator.Synchronize();
            _classifyKernel.Stop();
            _downloads.Start();
            var pieces = hostPairs?.Pieces ?? pairPieces.View.SubView(0, pairCount).GetAsArray1D();
            var classes = classesOnDevice.GetAsArray1D();
            var areas = areasOnDevice.GetAsArray1D();
            var bounds = boundsOnDevice.GetAsArray1D();
            _downloads.Stop();
            _pairs += pairCount;
            _boundaryPairs += classes.Count(c => c == PieceClass.Boundary);
            return new DevicePairs(firstPair, pieces, classes, areas, bounds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _broadPhaseKernels.Stop();
            _classifyKernel.Stop();
            _uploads.Stop();
            _downloads.Stop();
            Failure = e.Message;
            _logger.LogWarning(e, "The GPU ({Device}) failed at cell row {Row}: {Reason}; intersect continues on the cpu engine", _device.Description, chunk[0].Index, e.Message);
            return null;
        }
        finally
        {
            ends?.Dispose();
            pairCells?.Dispose();
            pairPieces?.Dispose();
        }
    }

    /// <summary>The pairs from the cpu engine's STR-tree, for runs whose pieces the device cannot bin.</summary>
    private (int[] FirstPair, int[] Cells, int[] Pieces) HostPairs((long Index, GeocodeObject Cell)[] chunk, bool[] byCpu, CancellationToken cancellation)
    {
        var candidates = new List<AssetPiece>[chunk.Length];
        Parallel.For(0, chunk.Length, Options(cancellation), i => candidates[i] = byCpu[i] ? [] : _evaluator.Candidates(chunk[i].Cell));
        var firstPair = new int[chunk.Length + 1];
        for (var i = 0; i < chunk.Length; i++) firstPair[i + 1] = checked(firstPair[i] + candidates[i].Count);
        var cells = new int[firstPair[^1]];
        var pieces = new int[firstPair[^1]];
        Parallel.For(0, chunk.Length, Options(cancellation), i =>
        {
            for (var k = 0; k < candidates[i].Count; k++)
            {
                cells[firstPair[i] + k] = i;
                pieces[firstPair[i] + k] = _pieces.Id(candidates[i][k]);
            }
        });
        return (firstPair, cells, pieces);
    }

    private ParallelOptions Options(CancellationToken cancellation) => new() { MaxDegreeOfParallelism = _threads, CancellationToken = cancellation };

    public void Dispose()
    {
        _broadPhase?.Dispose();
        _pieces.Dispose();
    }
}
