using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Raster;

/// <summary>
/// Plain even-odd polygon fill of one ring into one tile, sampled at pixel centres: a pixel is
/// painted when its centre lies inside the ring (centres on a left or top edge count as inside, on a
/// right or bottom edge as outside, so two cells sharing an edge never both claim a pixel). No
/// anti-aliasing, no outline. One instance per thread: it keeps its scratch buffers.
/// </summary>
public sealed class ScanlineFill
{
    private const int Size = MercatorPixels.TileSize;

    private readonly int[] _rowCount = new int[Size + 1];
    private readonly int[] _next = new int[Size];
    private int[] _rows = new int[64];
    private double[] _xs = new double[64];
    private double[] _sorted = new double[64];
    private int _count;

    /// <summary>Adds the spans of ring <c>xs/ys[start..end)</c> (global pixels, implicitly closed) inside the tile whose top-left pixel is (<paramref name="tileLeft"/>, <paramref name="tileTop"/>).</summary>
    public void Fill(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int start, int end, long tileLeft, long tileTop, int cell, List<PixelSpan> spans)
    {
        _count = 0;
        // Only the rows some edge crosses are sorted and scanned: most rings cover a few rows of the tile.
        int top = Size, bottom = -1;
        for (int i = start, j = end - 1; i < end; j = i++)
        {
            double x0 = xs[j], y0 = ys[j], x1 = xs[i], y1 = ys[i];
            if (y0 == y1) continue;
            var low = Math.Min(y0, y1) - tileTop;
            var high = Math.Max(y0, y1) - tileTop;
            // Rows whose centre r + 0.5 lies in [low, high): half-open, so a vertex is crossed exactly once.
            var first = Math.Max(0, (int)Math.Ceiling(Math.Max(low - 0.5, -1)));
            var last = Math.Min(Size - 1, (int)Math.Ceiling(Math.Min(high - 0.5, Size)) - 1);
            if (first > last) continue;
            top = Math.Min(top, first);
            bottom = Math.Max(bottom, last);
            var slope = (x1 - x0) / (y1 - y0);
            for (var r = first; r <= last; r++)
                Add(r, x0 + (tileTop + r + 0.5 - y0) * slope - tileLeft);
        }
        if (_count == 0) return;
        SortByRowThenX(top, bottom);
        for (var r = top; r <= bottom; r++)
        {
            for (var k = _rowCount[r]; k + 1 < _rowCount[r + 1]; k += 2)
            {
                // Pixel c is inside when its centre c + 0.5 lies in [a, b).
                var from = Math.Max(0, (int)Math.Ceiling(Math.Max(_sorted[k] - 0.5, -1)));
                var to = Math.Min(Size, (int)Math.Ceiling(Math.Min(_sorted[k + 1] - 0.5, Size)));
                if (from < to) spans.Add(new PixelSpan(cell, r, from, to));
            }
        }
    }

    private void Add(int row, double x)
    {
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _count * 2);
            Array.Resize(ref _xs, _count * 2);
            Array.Resize(ref _sorted, _count * 2);
        }
        _rows[_count] = row;
        _xs[_count++] = x;
    }

    // Counting sort by row over top..bottom, then insertion sort of each row's few crossings.
    // _rowCount[r] is where row r's crossings start in _sorted, _rowCount[r + 1] where they end.
    private void SortByRowThenX(int top, int bottom)
    {
        var counts = _rowCount.AsSpan(top, bottom - top + 2);
        counts.Clear();
        for (var k = 0; k < _count; k++) _rowCount[_rows[k] + 1]++;
        for (var r = top; r <= bottom; r++) _rowCount[r + 1] += _rowCount[r];
        _rowCount.AsSpan(top, bottom - top + 1).CopyTo(_next.AsSpan(top));
        for (var k = 0; k < _count; k++) _sorted[_next[_rows[k]]++] = _xs[k];
        for (var r = top; r <= bottom; r++)
        {
            for (var k = _rowCount[r] + 1; k < _rowCount[r + 1]; k++)
            {
                var value = _sorted[k];
                var m = k - 1;
                for (; m >= _rowCount[r] && _sorted[m] > value; m--) _sorted[m + 1] = _sorted[m];
                _sorted[m + 1] = value;
            }
        }
    }
}
