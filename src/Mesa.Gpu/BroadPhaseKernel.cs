using ILGPU;

namespace Mesa.Gpu;

/// <summary>
/// The broad phase's kernels: for each cell, the asset pieces whose bounding box meets the cell's envelope,
/// both closed as the cpu engine's STR-tree compares them. A count pass sizes each cell's share of the pair
/// list, a scan turns the counts into ends, and a fill pass writes the pairs, each cell's in ascending piece
/// order (the asset, then the ordinal, as the cpu engine's candidates come).
/// </summary>
/// <remarks>
/// A piece lies in every grid bin its box overlaps; a (cell, piece) pair is found only in the bin holding the
/// lower-left corner of the two boxes' overlap, so no pair is found twice. Pieces spanning many bins are kept
/// apart in a short list every cell checks. A cell whose envelope is empty or not finite has no pairs here:
/// its box reads min &gt; max.
/// </remarks>
internal static class BroadPhaseKernel
{
    public static void Count(
        Index1D cell,
        ArrayView<double> cells,
        int cellStride,
        ArrayView<double> pieceBoxes,
        ArrayView<int> binStarts,
        ArrayView<int> binPieces,
        ArrayView<int> largePieces,
        int largeCount,
        BroadPhaseGrid grid,
        ArrayView<int> counts) =>
        counts[cell] = Visit(cell * cellStride, cells, pieceBoxes, binStarts, binPieces, largePieces, largeCount, grid, counts, 0, false);

    public static void Fill(
        Index1D cell,
        ArrayView<double> cells,
        int cellStride,
        ArrayView<double> pieceBoxes,
        ArrayView<int> binStarts,
        ArrayView<int> binPieces,
        ArrayView<int> largePieces,
        int largeCount,
        BroadPhaseGrid grid,
        ArrayView<int> counts,
        ArrayView<int> ends,
        ArrayView<int> pairCells,
        ArrayView<int> pairPieces)
    {
        var count = counts[cell];
        if (count == 0) return;
        var start = ends[cell] - count;
        Visit(cell * cellStride, cells, pieceBoxes, binStarts, binPieces, largePieces, largeCount, grid, pairPieces, start, true);
        // Insertion sort of the cell's own pieces: a cell meets few pieces, and one thread owns them.
        for (var i = start + 1; i < start + count; i++)
        {
            var piece = pairPieces[i];
            var j = i - 1;
            for (; j >= start && pairPieces[j] > piece; j--) pairPieces[j + 1] = pairPieces[j];
            pairPieces[j + 1] = piece;
        }
        for (var i = start; i < start + count; i++) pairCells[i] = cell;
    }

    private static int Visit(
        int at,
        ArrayView<double> cells,
        ArrayView<double> pieceBoxes,
        ArrayView<int> binStarts,
        ArrayView<int> binPieces,
        ArrayView<int> largePieces,
        int largeCount,
        BroadPhaseGrid grid,
        ArrayView<int> output,
        int start,
        bool write)
    {
        var minX = cells[at];
        var minY = cells[at + 1];
        var maxX = cells[at + 2];
        var maxY = cells[at + 3];
        if (!(minX <= maxX) || !(minY <= maxY)) return 0;
        var found = 0;
        int column0 = grid.Column(minX), column1 = grid.Column(maxX), row0 = grid.Row(minY), row1 = grid.Row(maxY);
        for (var row = row0; row <= row1; row++)
        {
            for (var column = column0; column <= column1; column++)
            {
                var bin = row * grid.Columns + column;
                for (var k = binStarts[bin]; k < binStarts[bin + 1]; k++)
                {
                    var piece = binPieces[k];
                    var box = piece * 4;
                    double pieceMinX = pieceBoxes[box], pieceMinY = pieceBoxes[box + 1], pieceMaxX = pieceBoxes[box + 2], pieceMaxY = pieceBoxes[box + 3];
                    if (pieceMinX > maxX || pieceMaxX < minX || pieceMinY > maxY || pieceMaxY < minY) continue;
                    if (grid.Column(pieceMinX > minX ? pieceMinX : minX) != column || grid.Row(pieceMinY > minY ? pieceMinY : minY) != row) continue;
                    if (write) output[start + found] = piece;
                    found++;
                }
            }
        }
        for (var k = 0; k < largeCount; k++)
        {
            var piece = largePieces[k];
            var box = piece * 4;
            if (pieceBoxes[box] > maxX || pieceBoxes[box + 2] < minX || pieceBoxes[box + 1] > maxY || pieceBoxes[box + 3] < minY) continue;
            if (write) output[start + found] = piece;
            found++;
        }
        return found;
    }
}
