using Mesa.Processing.Workload;

namespace Mesa.Tiles.Layers;

/// <summary>
/// <c>_index_owa</c>: 100 steps through the E, D, C, B, A band colours. The five colours sit evenly at
/// steps 0, 24.75, 49.5, 74.25 and 99; a step between two is their linear mix, channels rounded half
/// to even. step = round((v - 1) / 99 * 99) clipped to 0..99, so v = 0 (no valid sensitivity)
/// paints the E colour, as MESA does.
/// </summary>
public sealed class OwaGradient
{
    private readonly uint[] _steps = new uint[100];

    public OwaGradient(MesaConfig config)
    {
        var stops = new[] { "E", "D", "C", "B", "A" }.Select(code => Channels(Rgba.ParseHex(config.FindBand(code)?.Colour) ?? Rgba.Opaque(0, 0, 0))).ToArray();
        for (var step = 0; step < 100; step++)
        {
            var position = step / 99.0 * (stops.Length - 1);
            var segment = Math.Min((int)position, stops.Length - 2);
            _steps[step] = Rgba.Lerp(stops[segment], stops[segment + 1], position - segment);
        }
    }

    public uint Of(long? indexOwa)
    {
        if (indexOwa is not { } v) return Rgba.Transparent;
        var step = (int)Math.Clamp(Math.Round((v - 1) / 99.0 * 99.0, MidpointRounding.ToEven), 0, 99);
        return _steps[step];
    }

    private static (int R, int G, int B) Channels(uint colour) => ((int)(colour & 0xFF), (int)((colour >> 8) & 0xFF), (int)((colour >> 16) & 0xFF));
}
