namespace Mesa.Tiles.Rendering;

/// <summary>
/// Every (tile key, cell) pair of cells' tile ranges, cells in ascending order; the key is (y &lt;&lt; zoom) | x.
/// A struct enumerator, so the index's passes over millions of pairs compile to plain loops.
/// </summary>
/// <param name="ranges">Four per cell: x0, y0, x1, y1 of the tiles it touches; x0 = -1 for a cell that touches none.</param>
internal ref struct TilePairs(ReadOnlySpan<int> ranges, int zoom)
{
    private readonly ReadOnlySpan<int> _ranges = ranges;
    private int _cell = -1;
    private int _x;
    private int _y;

    public readonly (long Tile, int Cell) Current => (((long)_y << zoom) | (uint)_x, _cell);

    public bool MoveNext()
    {
        if (_cell >= 0)
        {
            if (_x < _ranges[4 * _cell + 2])
            {
                _x++;
                return true;
            }
            if (_y < _ranges[4 * _cell + 3])
            {
                _x = _ranges[4 * _cell];
                _y++;
                return true;
            }
        }
        while (++_cell < _ranges.Length / 4)
        {
            if (_ranges[4 * _cell] < 0) continue;
            _x = _ranges[4 * _cell];
            _y = _ranges[4 * _cell + 1];
            return true;
        }
        return false;
    }

    public readonly TilePairs GetEnumerator() => this;
}
