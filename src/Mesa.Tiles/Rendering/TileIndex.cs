using System.Buffers;
using System.Collections.Concurrent;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Rendering;

/// <summary>
/// Which cells may paint which tile at one zoom, from the cells' pixel bounding boxes: each tile's
/// list holds only its cells, in tbl_flat order (so "last wins" survives the split). Tiles are
/// ordered row by row from the north-west.
/// </summary>
public sealed class TileIndex
{
    private const int CellsPerTask = 16384;

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

    /// <param name="threads">The cells' tile ranges are worked out on up to this many threads.</param>
    public static TileIndex Build(ZoomRings rings, int threads = 1)
    {
        // Scratch for this build only, so every zoom reuses the same memory instead of paging in its own.
        var rented = ArrayPool<int>.Shared.Rent(4 * rings.CellCount);
        try
        {
            return Build(rings, rented, Math.Max(1, threads));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static TileIndex Build(ZoomRings rings, int[] ranges, int threads)
    {
        var zoom = rings.Zoom;
        var extent = default(TileExtent);
        var gate = new object();
        Parallel.ForEach(Partitioner.Create(0, rings.CellCount, CellsPerTask), new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => default(TileExtent),
            (cells, _, local) =>
            {
                for (var cell = cells.Item1; cell < cells.Item2; cell++) local.Add(TileRange(rings, cell, ranges.AsSpan(4 * cell, 4)));
                return local;
            },
            local => { lock (gate) extent.Add(local); });
        if (extent.Pairs > Array.MaxLength) throw new InvalidOperationException($"Zoom {zoom}: {extent.Pairs} (tile, cell) pairs exceed one index.");
        if (extent.Pairs == 0) return new TileIndex(zoom, [], [0], []);
        var width = extent.MaxX - extent.MinX + 1;
        var grid = width * (extent.MaxY - extent.MinY + 1);
        var used = ranges.AsSpan(0, 4 * rings.CellCount);
        return grid <= Math.Max(DenseTiles, 4 * extent.Pairs)
            ? Index(used, zoom, (int)extent.Pairs, new DenseSlots(zoom, extent.MinX, extent.MinY, width, (int)grid))
            : Index(used, zoom, (int)extent.Pairs, new SparseSlots(used, zoom));
    }

    // Counts each slot's cells, drops the empty slots, then places every cell; cells go in ascending order, so
    // every tile's list keeps tbl_flat order.
    private static TileIndex Index<TSlots>(ReadOnlySpan<int> ranges, int zoom, int pairs, TSlots slots) where TSlots : struct, ITileSlots
    {
        var next = new int[slots.Count];
        foreach (var (tile, _) in new TilePairs(ranges, zoom)) next[slots.Of(tile)]++;
        var tiles = new List<long>();
        var start = new List<int> { 0 };
        for (var slot = 0; slot < next.Length; slot++)
        {
            var count = next[slot];
            if (count == 0) continue;
            next[slot] = start[^1]; // from here on: the next free place of the tile's list
            tiles.Add(slots.Tile(slot));
            start.Add(start[^1] + count);
        }
        var cells = new int[pairs];
        foreach (var (tile, cell) in new TilePairs(ranges, zoom)) cells[next[slots.Of(tile)]++] = cell;
        return new TileIndex(zoom, [.. tiles], [.. start], cells);
    }

    // Writes the tiles (x0, y0, x1, y1) the cell's bounding box touches, clipped to the map; x0 = -1 for a cell with nothing to draw.
    private static TileExtent TileRange(ZoomRings rings, int cell, Span<int> range)
    {
        var (minX, minY, maxX, maxY) = rings.Bounds(cell);
        // A cell whose box holds no pixel centre paints nothing, which at low zooms is most of them.
        if (!(minX <= maxX) || !HoldsPixelCentre(minX, maxX) || !HoldsPixelCentre(minY, maxY))
        {
            range[0] = -1;
            return default;
        }
        var last = (1 << rings.Zoom) - 1;
        range[0] = TileOf(minX, last);
        range[1] = TileOf(minY, last);
        range[2] = TileOf(maxX, last);
        range[3] = TileOf(maxY, last);
        return TileExtent.Of(range[0], range[1], range[2], range[3]);
    }

    // Whether some pixel centre c + 0.5 lies in [min, max), as the fill samples them.
    private static bool HoldsPixelCentre(double min, double max) => Math.Ceiling(min - 0.5) + 0.5 < max;

    private static int TileOf(double pixel, int last) => double.IsFinite(pixel) ? (int)Math.Clamp(Math.Floor(pixel / MercatorPixels.TileSize), 0, last) : 0;

    /// <summary>Where a tile's list goes while the index is built: its slot, one of <see cref="Count"/>, in tile order.</summary>
    private interface ITileSlots
    {
        int Count { get; }

        int Of(long tile);

        long Tile(int slot);
    }

    // Tiles numbered row by row within the cells' tile extent, so the grid's order is the index's order.
    private readonly struct DenseSlots(int zoom, long minX, long minY, long width, int count) : ITileSlots
    {
        public int Count => count;

        public int Of(long tile) => (int)(((tile >> zoom) - minY) * width + ((tile & ((1L << zoom) - 1)) - minX));

        public long Tile(int slot) => ((minY + slot / width) << zoom) | (minX + slot % width);
    }

    // The touched tiles only, sorted (the key (y << zoom) | x sorts row by row).
    private readonly struct SparseSlots : ITileSlots
    {
        private readonly long[] _tiles;
        private readonly Dictionary<long, int> _slots;

        public SparseSlots(ReadOnlySpan<int> ranges, int zoom)
        {
            var touched = new HashSet<long>();
            foreach (var (tile, _) in new TilePairs(ranges, zoom)) touched.Add(tile);
            _tiles = [.. touched.Order()];
            _slots = new Dictionary<long, int>(_tiles.Length);
            for (var slot = 0; slot < _tiles.Length; slot++) _slots.Add(_tiles[slot], slot);
        }

        public int Count => _tiles.Length;

        public int Of(long tile) => _slots[tile];

        public long Tile(int slot) => _tiles[slot];
    }

    /// <summary>The tiles touched by cells' bounding boxes, and how many (tile, cell) pairs there are; empty while Pairs is 0.</summary>
    private struct TileExtent
    {
        public long MinX, MinY, MaxX, MaxY, Pairs;

        public static TileExtent Of(long x0, long y0, long x1, long y1) =>
            new() { MinX = x0, MinY = y0, MaxX = x1, MaxY = y1, Pairs = (x1 - x0 + 1) * (y1 - y0 + 1) };

        public void Add(TileExtent other)
        {
            if (other.Pairs == 0) return;
            if (Pairs == 0)
            {
                this = other;
                return;
            }
            (MinX, MinY, MaxX, MaxY) = (Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY));
            Pairs += other.Pairs;
        }
    }
}
