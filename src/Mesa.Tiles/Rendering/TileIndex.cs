using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Rendering;

/// <summary>
/// Which cells may paint which tile at one zoom, from the cells' pixel bounding boxes: each tile's
/// list holds only its cells, in tbl_flat order (so "last wins" survives the split). Tiles are
/// ordered row by row from the north-west.
/// </summary>
public sealed class TileIndex
{
    private readonly long[] _tiles;
    private readonly int[] _start;
    private readonly int[] _cells;

    private TileIndex(int zoom, long[] tiles, int[] start, int[] cells)
    {
        Zoom = zoom;
        _tiles = tiles;
        _start = start;
        _cells = cells;
    }

    public int Zoom { get; }

    public int TileCount => _tiles.Length;

    /// <summary>XYZ column and row (row 0 at the north) of the i-th tile.</summary>
    public (long X, long Y) Tile(int i) => (_tiles[i] & ((1L << Zoom) - 1), _tiles[i] >> Zoom);

    public ReadOnlySpan<int> CellsOf(int i) => _cells.AsSpan(_start[i], _start[i + 1] - _start[i]);

    public static TileIndex Build(ZoomRings rings)
    {
        var zoom = rings.Zoom;
        var counts = new Dictionary<long, int>();
        var total = 0L;
        for (var cell = 0; cell < rings.CellCount; cell++)
        {
            foreach (var key in TilesOf(rings, cell, zoom))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
                total++;
            }
        }
        if (total > Array.MaxLength) throw new InvalidOperationException($"Zoom {zoom}: {total} (tile, cell) pairs exceed one index.");
        var tiles = counts.Keys.Order().ToArray();
        var start = new int[tiles.Length + 1];
        var next = new Dictionary<long, int>(tiles.Length);
        for (var i = 0; i < tiles.Length; i++)
        {
            start[i + 1] = start[i] + counts[tiles[i]];
            next[tiles[i]] = start[i];
        }
        var cells = new int[total];
        // Cells go in ascending order, so every tile's list keeps tbl_flat order.
        for (var cell = 0; cell < rings.CellCount; cell++)
            foreach (var key in TilesOf(rings, cell, zoom))
                cells[next[key]++] = cell;
        return new TileIndex(zoom, tiles, start, cells);
    }

    // Keys y * 2^zoom + x of the tiles the cell's bounding box touches, clipped to the map.
    private static IEnumerable<long> TilesOf(ZoomRings rings, int cell, int zoom)
    {
        var (minX, minY, maxX, maxY) = rings.Bounds(cell);
        if (!(minX <= maxX)) yield break;
        var last = (1L << zoom) - 1;
        var x0 = TileOf(minX, last);
        var x1 = TileOf(maxX, last);
        var y0 = TileOf(minY, last);
        var y1 = TileOf(maxY, last);
        for (var y = y0; y <= y1; y++)
            for (var x = x0; x <= x1; x++)
                yield return (y << zoom) | x;
    }

    private static long TileOf(double pixel, long last) => Math.Clamp((long)Math.Floor(pixel / MercatorPixels.TileSize), 0, last);
}
