using Mesa.Tiles.Geometry;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Png;
using Mesa.Tiles.Raster;

namespace Mesa.Tiles.Rendering;

/// <summary>
/// Renders one tile of every layer of a group: the cells' coverage is rasterised once into spans,
/// then each layer replays them with its own colours (a cell a layer does not colour is skipped, so
/// the cell below shows). A tile of at most 256 colours (transparent included), which is nearly every tile,
/// is written as an indexed PNG; others as RGBA. One instance per thread.
/// </summary>
public sealed class TileRenderer(IReadOnlyList<TileLayer> layers)
{
    private const int Size = MercatorPixels.TileSize;

    private readonly ScanlineFill _fill = new();
    private readonly PngEncoder _png = new();
    private readonly List<PixelSpan> _spans = [];
    // Palette index per pixel; index 0 is transparent.
    private readonly byte[] _indexes = new byte[Size * Size];
    private readonly List<uint> _palette = [];
    private readonly Dictionary<uint, byte> _paletteIndex = [];
    private uint[]? _pixels;
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
            if (PaintIndexed(layers[layer].Colours) is { } png) emit(layer, png);
        }
    }

    // Null when the layer paints no pixel of the tile.
    private byte[]? PaintIndexed(uint[] colours)
    {
        Array.Clear(_indexes);
        _palette.Clear();
        _paletteIndex.Clear();
        _palette.Add(Rgba.Transparent);
        // A cell's spans come one after another, so the previous span's colour usually saves the lookup.
        (uint Colour, byte Index) last = (Rgba.Transparent, 0);
        foreach (var span in _spans)
        {
            var colour = colours[span.Cell];
            if (colour == Rgba.Transparent) continue;
            if (colour != last.Colour)
            {
                if (!_paletteIndex.TryGetValue(colour, out var added))
                {
                    if (_palette.Count == PngEncoder.MaxPaletteColours) return PaintRgba(colours);
                    _paletteIndex.Add(colour, added = (byte)_palette.Count);
                    _palette.Add(colour);
                }
                last = (colour, added);
            }
            _indexes.AsSpan(span.Row * Size + span.Start, span.End - span.Start).Fill(last.Index);
        }
        if (_palette.Count == 1) return null;
        if (_palette.Count > 2 || _indexes.AsSpan().Contains((byte)0)) return _png.EncodeIndexed(_indexes, _palette.ToArray(), Size, Size);
        if (!_uniform.TryGetValue(_palette[1], out var uniform)) _uniform.Add(_palette[1], uniform = _png.EncodeIndexed(_indexes, _palette.ToArray(), Size, Size));
        return uniform;
    }

    private byte[] PaintRgba(uint[] colours)
    {
        _pixels ??= new uint[Size * Size];
        Array.Clear(_pixels);
        foreach (var span in _spans)
        {
            var colour = colours[span.Cell];
            if (colour != Rgba.Transparent) _pixels.AsSpan(span.Row * Size + span.Start, span.End - span.Start).Fill(colour);
        }
        return _png.Encode(_pixels, Size, Size);
    }
}
