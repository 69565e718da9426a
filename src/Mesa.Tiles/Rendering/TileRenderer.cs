using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Png;
using Mesa.Tiles.Raster;

namespace Mesa.Tiles.Rendering;

/// <summary>
/// Renders one tile of every layer of a group: the cells' coverage is rasterised once into spans,
/// then each layer replays them with its own colours (a cell a layer does not colour is skipped, so
/// the cell below shows). One instance per thread.
/// </summary>
public sealed class TileRenderer(IReadOnlyList<TileLayer> layers)
{
    private const int Size = MercatorPixels.TileSize;

    private readonly ScanlineFill _fill = new();
    private readonly PngEncoder _png = new();
    private readonly List<PixelSpan> _spans = [];
    private readonly uint[] _pixels = new uint[Size * Size];
    // Tiles inside one large cell are a single colour; their PNG is encoded once per colour.
    private readonly Dictionary<uint, byte[]> _uniform = [];

    /// <summary>Calls <paramref name="emit"/> with (layer index, PNG) for each layer with at least one painted pixel.</summary>
    public void Render(ZoomRings rings, ReadOnlySpan<int> cells, long tileX, long tileY, Action<int, byte[]> emit)
    {
        _spans.Clear();
        var left = tileX * Size;
        var top = tileY * Size;
        foreach (var cell in cells)
            for (var ring = rings.CellRingStart(cell); ring < rings.CellRingEnd(cell); ring++)
                _fill.Fill(rings.Xs, rings.Ys, rings.RingStart(ring), rings.RingEnd(ring), left, top, cell, _spans);
        if (_spans.Count == 0) return;
        for (var layer = 0; layer < layers.Count; layer++)
        {
            if (Paint(layers[layer].Colours)) emit(layer, Encode());
        }
    }

    private byte[] Encode()
    {
        var colour = _pixels[0];
        if (_pixels.AsSpan().IndexOfAnyExcept(colour) >= 0) return _png.Encode(_pixels, Size, Size);
        if (!_uniform.TryGetValue(colour, out var png)) _uniform.Add(colour, png = _png.Encode(_pixels, Size, Size));
        return png;
    }

    private bool Paint(uint[] colours)
    {
        Array.Clear(_pixels);
        var painted = false;
        foreach (var span in _spans)
        {
            var colour = colours[span.Cell];
            if (colour == Rgba.Transparent) continue;
            _pixels.AsSpan(span.Row * Size + span.Start, span.End - span.Start).Fill(colour);
            painted = true;
        }
        return painted;
    }
}
