using System.Diagnostics;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Algorithms.ScanReduceOperations;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;

namespace Mesa.Gpu;

/// <summary>
/// Candidate (cell, piece) pairs found on the device (<see cref="BroadPhaseKernel"/>): every piece's bounding
/// box and the grid of bins over them, uploaded once per run. It finds the same pairs as the cpu engine's
/// STR-tree query (AssetIndex.Candidates), in the same order.
/// </summary>
internal sealed class DeviceBroadPhase : IDisposable
{
    // A piece over more bins than this is checked by every cell instead of being copied into each bin.
    private const int MaxBinsPerPiece = 256;
    private const int MaxBinsPerAxis = 4096;
    private const int MaxBins = 1 << 22;

    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _boxes;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _binStarts;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _binPieces;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _largePieces;
    private readonly int _largeCount;
    private readonly BroadPhaseGrid _grid;
    private readonly Action<Index1D, ArrayView<double>, int, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, BroadPhaseGrid,
        ArrayView<int>> _count;
    private readonly Action<Index1D, ArrayView<double>, int, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, BroadPhaseGrid,
        ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>> _fill;
    private readonly Scan<int, Stride1D.Dense, Stride1D.Dense> _scan;

    private DeviceBroadPhase(Accelerator accelerator, double[] boxes, BroadPhaseGrid grid, int[] binStarts, int[] binPieces, int[] largePieces, Stopwatch uploads)
    {
        _accelerator = accelerator;
        _grid = grid;
        _largeCount = largePieces.Length;
        // Zero-length buffers are avoided: a view of one unused element stands in for an empty list.
        uploads.Start();
        _boxes = accelerator.Allocate1D(boxes.Length == 0 ? new double[4] : boxes);
        _binStarts = accelerator.Allocate1D(binStarts);
        _binPieces = accelerator.Allocate1D(binPieces.Length == 0 ? new int[1] : binPieces);
        _largePieces = accelerator.Allocate1D(largePieces.Length == 0 ? new int[1] : largePieces);
        accelerator.Synchronize();
        uploads.Stop();
        _count = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int,
            BroadPhaseGrid, ArrayView<int>>(BroadPhaseKernel.Count);
        _fill = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int,
            BroadPhaseGrid, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>>(BroadPhaseKernel.Fill);
        _scan = accelerator.CreateScan<int, Stride1D.Dense, Stride1D.Dense, AddInt32>(ScanKind.Inclusive);
    }

    /// <summary>
    /// The pieces' boxes binned and uploaded; null when some box is not finite (the STR-tree's answer for such a
    /// box depends on its build, so only the tree itself can give it).
    /// </summary>
    /// <param name="uploads">Runs while the arrays are copied to the device (and only then).</param>
    public static DeviceBroadPhase? TryCreate(Accelerator accelerator, AssetIndex assets, Stopwatch uploads)
    {
        var pieces = assets.Pieces;
        var boxes = new double[pieces.Count * 4];
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        var extents = new double[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var box = pieces[i].Geometry.EnvelopeInternal;
            if (box.IsNull || !double.IsFinite(box.MinX) || !double.IsFinite(box.MinY) || !double.IsFinite(box.MaxX) || !double.IsFinite(box.MaxY)) return null;
            (boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]) = (box.MinX, box.MinY, box.MaxX, box.MaxY);
            (minX, minY, maxX, maxY) = (Math.Min(minX, box.MinX), Math.Min(minY, box.MinY), Math.Max(maxX, box.MaxX), Math.Max(maxY, box.MaxY));
            extents[i] = Math.Max(box.Width, box.Height);
        }
        var grid = Grid(pieces.Count, minX, minY, maxX, maxY, extents);
        var binCount = grid.Columns * grid.Rows;
        var binStarts = new int[binCount + 1];
        var large = new List<int>();
        var spans = new (int Column0, int Column1, int Row0, int Row1)[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var span = (grid.Column(boxes[4 * i]), grid.Column(boxes[4 * i + 2]), grid.Row(boxes[4 * i + 1]), grid.Row(boxes[4 * i + 3]));
            spans[i] = span;
            if ((long)(span.Item2 - span.Item1 + 1) * (span.Item4 - span.Item3 + 1) > MaxBinsPerPiece)
            {
                large.Add(i);
                continue;
            }
            for (var row = span.Item3; row <= span.Item4; row++)
                for (var column = span.Item1; column <= span.Item2; column++) binStarts[row * grid.Columns + column + 1]++;
        }
        for (var bin = 0; bin < binCount; bin++) binStarts[bin + 1] = checked(binStarts[bin + 1] + binStarts[bin]);
        var binPieces = new int[binStarts[binCount]];
        var next = binStarts[..binCount];
        var isLarge = new HashSet<int>(large);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (isLarge.Contains(i)) continue;
            var (column0, column1, row0, row1) = spans[i];
            for (var row = row0; row <= row1; row++)
                for (var column = column0; column <= column1; column++) binPieces[next[row * grid.Columns + column]++] = i;
        }
        return new DeviceBroadPhase(accelerator, boxes, grid, binStarts, binPieces, [.. large], uploads);
    }

    /// <summary>Pieces checked by every cell for they span too many bins.</summary>
    public int LargePieces => _largeCount;

    /// <summary>The grid in a few words, for the log.</summary>
    public override string ToString() =>
        $"a {_grid.Columns}x{_grid.Rows} grid of {_binPieces.Length} piece entries, {_largeCount} pieces checked by every cell";

    /// <summary>
    /// Finds the pairs of the cells in <paramref name="cells"/> (records of <paramref name="cellStride"/> doubles, envelope
    /// first) on the device: where each cell's pairs end, and every pair's cell and piece. The caller disposes the buffers.
    /// </summary>
    public (MemoryBuffer1D<int, Stride1D.Dense> Ends, MemoryBuffer1D<int, Stride1D.Dense> PairCells, MemoryBuffer1D<int, Stride1D.Dense> PairPieces, int PairCount) Find(
        ArrayView<double> cells, int cellCount, int cellStride)
    {
        using var counts = _accelerator.Allocate1D<int>(cellCount);
        var ends = _accelerator.Allocate1D<int>(cellCount);
        try
        {
            _count(cellCount, cells, cellStride, _boxes.View, _binStarts.View, _binPieces.View, _largePieces.View, _largeCount, _grid, counts.View);
            using (var temp = _accelerator.Allocate1D<int>(Math.Max(1, _accelerator.ComputeScanTempStorageSize<int>(cellCount))))
            {
                _scan(_accelerator.DefaultStream, counts.View, ends.View, temp.View);
                _accelerator.Synchronize();
            }
            var pairCount = ends.View.SubView(cellCount - 1, 1).GetAsArray1D()[0];
            var pairCells = _accelerator.Allocate1D<int>(Math.Max(1, pairCount));
            var pairPieces = _accelerator.Allocate1D<int>(Math.Max(1, pairCount));
            _fill(cellCount, cells, cellStride, _boxes.View, _binStarts.View, _binPieces.View, _largePieces.View, _largeCount, _grid, counts.View, ends.View,
                pairCells.View, pairPieces.View);
            _accelerator.Synchronize();
            return (ends, pairCells, pairPieces, pairCount);
        }
        catch
        {
            ends.Dispose();
            throw;
        }
    }

    // Bins about as many as pieces, no smaller than the typical piece, so most pieces sit in a few bins.
    private static BroadPhaseGrid Grid(int pieceCount, double minX, double minY, double maxX, double maxY, double[] extents)
    {
        if (pieceCount == 0) return new BroadPhaseGrid(0, 0, 0, 0, 1, 1);
        double width = maxX - minX, height = maxY - minY;
        Array.Sort(extents);
        var typical = extents[extents.Length / 2];
        var side = Math.Max(typical, Math.Sqrt(width * height / Math.Min(pieceCount, MaxBins)));
        if (!(side > 0)) side = Math.Max(width, height) / Math.Min(pieceCount, MaxBins);
        var columns = side > 0 ? (int)Math.Clamp(Math.Ceiling(width / side), 1, MaxBinsPerAxis) : 1;
        var rows = side > 0 ? (int)Math.Clamp(Math.Ceiling(height / side), 1, MaxBinsPerAxis) : 1;
        return new BroadPhaseGrid(minX, minY, width > 0 ? columns / width : 0, height > 0 ? rows / height : 0, columns, rows);
    }

    public void Dispose()
    {
        _boxes.Dispose();
        _binStarts.Dispose();
        _binPieces.Dispose();
        _largePieces.Dispose();
    }
}
