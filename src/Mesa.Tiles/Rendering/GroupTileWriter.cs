using System.Collections.Concurrent;
using System.Globalization;
using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Mbtiles;
using Mesa.Tiles.Source;

namespace Mesa.Tiles.Rendering;

/// <summary>
/// Writes the MBTiles files of one geocode group: per zoom, the tiles its cells touch are rendered on
/// all worker threads while one thread inserts the PNGs (each file has exactly one writer). The queue
/// between them is bounded, so memory stays at a few tiles per worker whatever the map's size.
/// </summary>
public static class GroupTileWriter
{
    private sealed record EncodedTile(int Layer, int Zoom, long Column, long Row, byte[] Png);

    /// <param name="prefix">The file names' prefix; null takes <see cref="FilePrefix.Of"/> the group's name.</param>
    /// <returns>The written files' paths, in layer order.</returns>
    public static IReadOnlyList<string> Write(GroupCells group, IReadOnlyList<TileLayer> layers, string folder, ZoomRange zooms, int threads,
        Action<int>? zoomDone = null, CancellationToken cancellation = default, string? prefix = null) =>
        Write(group, Task.FromResult(layers), folder, zooms, threads, zoomDone, cancellation, prefix);

    /// <param name="colouring">The layers, still being coloured: the first zoom's rings are thinned meanwhile.</param>
    public static IReadOnlyList<string> Write(GroupCells group, Task<IReadOnlyList<TileLayer>> colouring, string folder, ZoomRange zooms, int threads,
        Action<int>? zoomDone = null, CancellationToken cancellation = default, string? prefix = null)
    {
        prefix ??= FilePrefix.Of(group.Name);
        // Where every cell is smaller than the thinning distance there is nothing to draw.
        var drawn = ZoomRings.Drawn(group.Rings, zooms);
        var rings = drawn.Count == 0 ? null : ZoomRings.Build(group.Rings, drawn.Min(), threads);
        var layers = colouring.GetAwaiter().GetResult();
        var paths = layers.Select(l => Path.Combine(folder, $"{prefix}_{l.Suffix}.mbtiles")).ToList();
        var writers = new List<MbtilesWriter>();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var queue = new BlockingCollection<EncodedTile>(boundedCapacity: Math.Max(16, 8 * threads));
        try
        {
            for (var i = 0; i < layers.Count; i++)
                writers.Add(new MbtilesWriter(paths[i], Metadata(Path.GetFileNameWithoutExtension(paths[i]), group, layers[i], zooms)));
            var writing = Task.Factory.StartNew(() =>
            {
                try
                {
                    foreach (var tile in queue.GetConsumingEnumerable(failed.Token))
                        writers[tile.Layer].Add(tile.Zoom, tile.Column, tile.Row, tile.Png);
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            }, TaskCreationOptions.LongRunning);
            try
            {
                for (var zoom = zooms.Min; zoom <= zooms.Max; zoom++)
                {
                    if (drawn.Contains(zoom))
                    {
                        // Every tile of the previous zoom is rendered by now, so its rings' arrays are free to reuse.
                        if (rings!.Zoom != zoom) rings = ZoomRings.Build(group.Rings, zoom, threads, rings);
                        RenderZoom(rings, layers, threads, queue, failed.Token);
                    }
                    zoomDone?.Invoke(zoom);
                }
            }
            finally
            {
                queue.CompleteAdding();
                // The writer's own failure is the one to report, not the cancellation it caused here.
                try { writing.Wait(CancellationToken.None); } catch (AggregateException e) { throw e.InnerException!; }
            }
        }
        finally
        {
            foreach (var writer in writers) writer.Dispose();
        }
        return paths;
    }

    // Tiles are rendered in parallel a batch at a time and queued in tile order, so every file gets its rows in the
    // same order whatever the thread count: the MBTiles files are byte-identical from run to run.
    private const int TilesPerBatch = 256;

    private static void RenderZoom(ZoomRings rings, IReadOnlyList<TileLayer> layers, int threads, BlockingCollection<EncodedTile> queue, CancellationToken cancellation)
    {
        var zoom = rings.Zoom;
        var index = TileIndex.Build(rings, threads);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        for (var start = 0; start < index.TileCount; start += TilesPerBatch)
        {
            var batch = new List<EncodedTile>[Math.Min(TilesPerBatch, index.TileCount - start)];
            Parallel.For(0, batch.Length, parallel, () => new TileRenderer(layers), (i, _, renderer) =>
            {
                var (x, y) = index.Tile(start + i);
                var row = TmsRow.FromXyz(zoom, y);
                var tiles = batch[i] = [];
                renderer.Render(rings, index.CellsOf(start + i), x, y, (layer, png) => tiles.Add(new EncodedTile(layer, zoom, x, row, png)));
                return renderer;
            }, _ => { });
            foreach (var tile in batch.SelectMany(t => t)) queue.Add(tile, cancellation);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Metadata(string stem, GroupCells group, TileLayer layer, ZoomRange zooms)
    {
        yield return new("name", stem);
        yield return new("type", "baselayer");
        yield return new("version", "1");
        yield return new("description", $"MESA {group.Name}: {layer.Description}");
        yield return new("format", "png");
        yield return new("minzoom", zooms.Min.ToString(CultureInfo.InvariantCulture));
        yield return new("maxzoom", zooms.Max.ToString(CultureInfo.InvariantCulture));
        yield return new("bounds", Bounds(group.Rings));
        yield return new("scheme", "tms");
        foreach (var entry in layer.Metadata) yield return entry;
    }

    // "west,south,east,north" of the group's cells, latitudes clamped to the Web Mercator square; the whole map when there are none.
    private static string Bounds(CellRings rings)
    {
        var (minLon, minLat, maxLon, maxLat) = rings.PointCount == 0 ? (-180, -90, 180, 90) : rings.LonLatBounds;
        double[] values = [minLon, Math.Clamp(minLat, -MercatorPixels.MaxLatitude, MercatorPixels.MaxLatitude), maxLon, Math.Clamp(maxLat, -MercatorPixels.MaxLatitude, MercatorPixels.MaxLatitude)];
        return string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }
}
