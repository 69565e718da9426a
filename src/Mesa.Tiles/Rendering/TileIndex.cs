using System.Runtime.InteropServices;
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
            if (!TileRange(rings, cell, out var x0, out var y0, out var x1, out var y1)) continue;
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++)
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, (y << zoom) | x, out _)++;
            total += (x1 - x0 + 1) * (y1 - y0 + 1);
        }
        if (total > Array.MaxLength) throw new InvalidOperationException($"Zoom {zoom}: {total} (tile, cell) pairs exceed one index.");
        var tiles = counts.Keys.Order().ToArray();
        var start = new int[tiles.Length + 1];
        for (var i = 0; i < tiles.Length; i++)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, tiles[i]);
            start[i + 1] = start[i] + count;
            count = start[i]; // from here on: the next free slot of the tile's list
        }
        var cells = new int[total];
        // Cells go in ascending order, so every tile's list keeps tbl_flat order.
        for (var cell = 0; cell < rings.CellCount; cell++)
        {
            if (!TileRange(rings, cell, out var x0, out var y0, out var x1, out var y1)) continue;
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++)
                    cells[CollectionsMarshal.GetValueRefOrNullRef(counts, (y << zoom) | x)++] = cell;
        }
        return new TileIndex(zoom, tiles, start, cells);
    }

    // The tiles the cell's bounding box touches, clipped to the map; false for a cell with nothing to draw.
    private static bool TileRange(ZoomRings rings, int cell, out long x0, out long y0, out long x1, out long y1)
    {
        var (minX, minY, maxX, maxY) = rings.Bounds(cell);
        var last = (1L << rings.Zoom) - 1;
        x0 = TileOf(minX, last);
        y0 = TileOf(minY, last);
        x1 = TileOf(maxX, last);
        y1 = TileOf(maxY, last);
        return minX <= maxX;
    }

    private static long TileOf(double pixel, long last) => double.IsFinite(pixel) ? Math.Clamp((long)Math.Floor(pixel / MercatorPixels.TileSize), 0, last) : 0;
}
