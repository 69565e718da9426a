using ILGPU;

namespace Mesa.Gpu;

/// <summary>
/// The device kernel: for one (cell, asset piece) pair, whether the piece's boundary keeps clear of the
/// cell and, if so, whether the cell's first vertex lies inside the piece.
/// </summary>
/// <remarks>
/// Its answers equal the cpu engine's without computing a single value that the cpu engine compares:
/// "clear" means no boundary segment's bounding box meets the cell's envelope widened by a margin, which
/// implies the cpu engine's own test (AssetOutline.BoundaryMayCross) answers false. The inside test then
/// counts the segments that straddle the vertex's height (the same half-open comparison as the cpu
/// engine's) and lie to its right; a straddling segment clear of the widened envelope lies wholly left or
/// right of the vertex, by more than the margin, so the crossing the cpu engine computes for it falls on
/// the same side. The margin, a billionth of the coordinates' magnitude, is about a million times the
/// rounding error of that crossing, and any rounding of the margin itself only moves it by far less.
/// Non-finite coordinates make every comparison fail, so such pairs are boundary pairs.
/// </remarks>
internal static class ClassifyKernel
{
    /// <summary>Doubles per cell: envelope (min x, min y, max x, max y), first vertex (x, y), largest magnitude.</summary>
    public const int CellStride = 7;

    private const double RelativeMargin = 1e-9;

    public static void Classify(
        Index1D pair,
        ArrayView<int> pairCells,
        ArrayView<int> pairPieces,
        ArrayView<double> cells,
        ArrayView<double> xs,
        ArrayView<double> ys,
        ArrayView<int> ringStarts,
        ArrayView<int> pieceRings,
        ArrayView<double> pieceMagnitudes,
        ArrayView<int> classes)
    {
        var cell = pairCells[pair] * CellStride;
        var piece = pairPieces[pair];
        var margin = RelativeMargin * (1 + cells[cell + 6] + pieceMagnitudes[piece]);
        var minX = cells[cell] - margin;
        var minY = cells[cell + 1] - margin;
        var maxX = cells[cell + 2] + margin;
        var maxY = cells[cell + 3] + margin;
        var vertexX = cells[cell + 4];
        var vertexY = cells[cell + 5];
        var crossings = 0;
        for (var ring = pieceRings[piece]; ring < pieceRings[piece + 1]; ring++)
        {
            var last = ringStarts[ring + 1] - 1;
            for (var i = ringStarts[ring]; i < last; i++)
            {
                var x1 = xs[i];
                var y1 = ys[i];
                var x2 = xs[i + 1];
                var y2 = ys[i + 1];
                var clear = (x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX) || (y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY);
                if (!clear)
                {
                    classes[pair] = PieceClass.Boundary;
                    return;
                }
                if ((y1 > vertexY) != (y2 > vertexY) && x1 > vertexX) crossings++;
            }
        }
        classes[pair] = (crossings & 1) == 1 ? PieceClass.Inside : PieceClass.Outside;
    }
}
