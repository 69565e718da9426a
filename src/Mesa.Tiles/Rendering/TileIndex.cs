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

    // A tile grid of up to this many tiles (or a few per (tile, cell) pair) is counted in an array; a sparser one in a dictionary.
    private const long DenseTiles = 1 << 20;

    public static TileIndex Build(ZoomRings rings)
    {
        var zoom = rings.Zoom;
        long minX = long.MaxValue, minY = long.MaxValue, maxX = -1, maxY = -1, total = 0;
        for (var cell = 0; cell < rings.CellCount; cell++)
        {
            if (!TileRange(rings, cell, out var x0, out var y0, out var x1, out var y1)) continue;
            (minX, minY, maxX, maxY) = (Math.Min(minX, x0), Math.Min(minY, y0), Math.Max(maxX, x1), Math.Max(maxY, y1));
            total += (x1 - x0 + 1) * (y1 - y0 + 1);
        }
        if (total > Array.MaxLength) throw new InvalidOperationException($"Zoom {zoom}: {total} (tile, cell) pairs exceed one index.");
        if (total == 0) return new TileIndex(zoom, [], [0], []);
        var width = maxX - minX + 1;
        var grid = width * (maxY - minY + 1);
        return grid <= Math.Max(DenseTiles, 4 * total)
            ? Dense(rings, (int)total, minX, minY, width, (int)grid)
            : Sparse(rings, (int)total);
    }

    // Tiles numbered row by row within the cells' tile extent, so the grid's order is the index's order.
    private static TileIndex Dense(ZoomRings rings, int total, long minX, long minY, long width, int grid)
    {
        var next = new int[grid + 1];
        ForEachPair(rings, (tile, _) => next[Slot(tile)]++);
        var tiles = new List<long>();
        var start = new List<int> { 0 };
        for (var slot = 0; slot < grid; slot++)
        {
            var count = next[slot];
            if (count == 0) continue;
            next[slot] = start[^1]; // from here on: the next free place of the tile's list
            tiles.Add(((minY + slot / width) << rings.Zoom) | (minX + slot % width));
            start.Add(start[^1] + count);
        }
        var cells = new int[total];
        // Cells go in ascending order, so every tile's list keeps tbl_flat order.
        ForEachPair(rings, (tile, cell) => cells[next[Slot(tile)]++] = cell);
        return new TileIndex(rings.Zoom, [.. tiles], [.. start], cells);

        int Slot(long tile) => (int)(((tile >> rings.Zoom) - minY) * width + ((tile & ((1L << rings.Zoom) - 1)) - minX));
    }

    private static TileIndex Sparse(ZoomRings rings, int total)
    {
        var counts = new Dictionary<long, int>();
        ForEachPair(rings, (tile, cell) => CollectionsMarshal.GetValueRefOrAddDefault(counts, tile, out _)++);
        var tiles = counts.Keys.Order().ToArray();
        var start = new int[tiles.Length + 1];
        for (var i = 0; i < tiles.Length; i++)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, tiles[i]);
            start[i + 1] = start[i] + count;
            count = start[i]; // from here on: the next free place of the tile's list
        }
        var cells = new int[total];
        ForEachPair(rings, (tile, cell) => cells[CollectionsMarshal.GetValueRefOrNullRef(counts, tile)++] = cell);
        return new TileIndex(rings.Zoom, tiles, start, cells);
    }

    // Every (tile key, cell) pair, cells in ascending order; the key is (y << zoom) | x.
    private static void ForEachPair(ZoomRings rings, Action<long, int> visit)
    {
        for (var cell = 0; cell < rings.CellCount; cell++)
        {
            if (!TileRange(rings, cell, out var x0, out var y0, out var x1, out var y1)) continue;
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++)
                    visit((y << rings.Zoom) | x, cell);
        }
    }

    // The tiles the cell's bounding box touches, clipped to the map; false for a cell with nothing to draw.
    private static bool TileRange(ZoomRings rings, int cell, out long x0, out long y0, out long x1, out long y1)
    {
        var (minX, minY, maxX, maxY) = rings.Bounds(cell);
        if (!(minX <= maxX))
        {
            x0 = y0 = x1 = y1 = 0;
            return false;
        }
        var last = (1L << rings.Zoom) - 1;
        x0 = TileOf(minX, last);
        y0 = TileOf(minY, last);
        x1 = TileOf(maxX, last);
        y1 = TileOf(maxY, last);
        return true;
    }

    private static long TileOf(double pixel, long last) => double.IsFinite(pixel) ? Math.Clamp((long)Math.Floor(pixel / MercatorPixels.TileSize), 0, last) : 0;
}
