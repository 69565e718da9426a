using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Gpu;

/// <summary>
/// Intersect's chunks with the device's help: every (cell, candidate piece) pair is classified on the
/// device (<see cref="ClassifyKernel"/>); an asset whose pieces all keep their boundary clear of the cell
/// takes the verdict that classification implies, every other asset goes through the cpu engine's exact
/// rule in <see cref="CellEvaluator"/>, which also builds each cell's result. When the device fails, this
/// chunk and every later one run on the cpu engine.
/// </summary>
internal sealed class GpuCellEvaluation : ICellChunkEvaluator, IDisposable
{
    private readonly GpuDevice _device;
    private readonly DevicePieces _pieces;
    private readonly CellEvaluator _evaluator;
    private readonly ParallelCellEvaluation _cpu;
    private readonly int _threads;
    private readonly ILogger _logger;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
        ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<int>> _classify;
    private readonly Stopwatch _kernel = new();
    private readonly Stopwatch _transfer = new();
    private long _pairs;
    private long _boundaryPairs;

    public GpuCellEvaluation(GpuDevice device, AssetIndex assets, int threads, ILogger logger)
    {
        _device = device;
        _threads = threads;
        _logger = logger;
        _evaluator = new CellEvaluator(assets);
        _cpu = new ParallelCellEvaluation(_evaluator, threads);
        _transfer.Start();
        _pieces = new DevicePieces(device.Accelerator, assets);
        _transfer.Stop();
        _classify = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<int>>(ClassifyKernel.Classify);
    }

    /// <summary>Why the device stopped being used, or null while it works.</summary>
    public string? Failure { get; private set; }

    public long VertexCount => _pieces.VertexCount;

    public TimeSpan KernelTime => _kernel.Elapsed;

    public TimeSpan TransferTime => _transfer.Elapsed;

    public long Pairs => _pairs;

    public long BoundaryPairs => _boundaryPairs;

    public void Evaluate((long Index, GeocodeObject Cell)[] chunk, CellOverlaps[] results, CancellationToken cancellation)
    {
        if (Failure is null)
        {
            var candidates = new List<AssetPiece>[chunk.Length];
            Parallel.For(0, chunk.Length, Options(cancellation), i => candidates[i] = _evaluator.Candidates(chunk[i].Cell));
            var firstPair = new int[chunk.Length + 1];
            for (var i = 0; i < chunk.Length; i++) firstPair[i + 1] = checked(firstPair[i] + candidates[i].Count);
            var classes = Classify(chunk, candidates, firstPair, cancellation);
            if (classes is not null)
            {
                Parallel.For(0, chunk.Length, Options(cancellation), i =>
                {
                    var first = firstPair[i];
                    results[i] = _evaluator.Evaluate(chunk[i].Index, IntersectStage.PartitionOf(chunk[i].Index), chunk[i].Cell, candidates[i],
                        (start, end) => Verdict(classes.AsSpan(first + start, end - start)), cancellation);
                });
                return;
            }
        }
        _cpu.Evaluate(chunk, results, cancellation);
    }

    // The cpu rule walks an asset's pieces in order: a clear piece holding the cell decides "overlaps", a
    // clear piece without it adds nothing, and pieces that all add nothing leave the cell apart.
    private static OverlapVerdict? Verdict(ReadOnlySpan<int> pieceClasses)
    {
        foreach (var pieceClass in pieceClasses)
        {
            if (pieceClass == PieceClass.Inside) return OverlapVerdict.Overlaps;
            if (pieceClass == PieceClass.Boundary) return null;
        }
        return OverlapVerdict.Apart;
    }

    /// <summary>The class of every pair, in cell and candidate order; null when the device failed.</summary>
    private int[]? Classify((long Index, GeocodeObject Cell)[] chunk, List<AssetPiece>[] candidates, int[] firstPair, CancellationToken cancellation)
    {
        var pairCount = firstPair[^1];
        if (pairCount == 0) return [];
        var pairCells = new int[pairCount];
        var pairPieces = new int[pairCount];
        var cells = new double[chunk.Length * ClassifyKernel.CellStride];
        Parallel.For(0, chunk.Length, Options(cancellation), i =>
        {
            if (candidates[i].Count == 0) return;
            var geometry = chunk[i].Cell.Geometry;
            var envelope = geometry.EnvelopeInternal;
            var vertex = geometry.Coordinate;
            var at = i * ClassifyKernel.CellStride;
            cells[at] = envelope.MinX;
            cells[at + 1] = envelope.MinY;
            cells[at + 2] = envelope.MaxX;
            cells[at + 3] = envelope.MaxY;
            cells[at + 4] = vertex.X;
            cells[at + 5] = vertex.Y;
            cells[at + 6] = Math.Max(Math.Max(Math.Abs(envelope.MinX), Math.Abs(envelope.MaxX)), Math.Max(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY)));
            for (var k = 0; k < candidates[i].Count; k++)
            {
                pairCells[firstPair[i] + k] = i;
                pairPieces[firstPair[i] + k] = _pieces.Id(candidates[i][k]);
            }
        });
        cancellation.ThrowIfCancellationRequested();
        try
        {
            var accelerator = _device.Accelerator;
            _transfer.Start();
            using var pairCellsOnDevice = accelerator.Allocate1D(pairCells);
            using var pairPiecesOnDevice = accelerator.Allocate1D(pairPieces);
            using var cellsOnDevice = accelerator.Allocate1D(cells);
            using var classesOnDevice = accelerator.Allocate1D<int>(pairCount);
            _transfer.Stop();
            _kernel.Start();
            _classify(pairCount, pairCellsOnDevice.View, pairPiecesOnDevice.View, cellsOnDevice.View, _pieces.Xs.View, _pieces.Ys.View,
                _pieces.RingStarts.View, _pieces.PieceRings.View, _pieces.Magnitudes.View, classesOnDevice.View);
            accelerator.Synchronize();
            _kernel.Stop();
            _transfer.Start();
            var classes = classesOnDevice.GetAsArray1D();
            _transfer.Stop();
            _pairs += pairCount;
            _boundaryPairs += classes.Count(c => c == PieceClass.Boundary);
            return classes;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _kernel.Stop();
            _transfer.Stop();
            Failure = e.Message;
            _logger.LogWarning(e, "The GPU ({Device}) failed at cell row {Row}: {Reason}; intersect continues on the cpu engine", _device.Description, chunk[0].Index, e.Message);
            return null;
        }
    }

    private ParallelOptions Options(CancellationToken cancellation) => new() { MaxDegreeOfParallelism = _threads, CancellationToken = cancellation };

    public void Dispose() => _pieces.Dispose();
}
