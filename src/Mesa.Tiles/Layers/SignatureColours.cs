namespace Mesa.Tiles.Layers;

/// <summary>
/// <c>_seg_signatures</c>: the weighted mean of A (178,24,43) x3, B (239,138,98) x2, C (200,200,200),
/// D (103,169,207) and E (33,102,172) over the codes of a signature such as "A+C+E", channels rounded
/// half to even. An empty or unknown signature draws nothing.
/// </summary>
public static class SignatureColours
{
    private static readonly Dictionary<string, (int R, int G, int B, int Weight)> Codes = new(StringComparer.Ordinal)
    {
        ["A"] = (178, 24, 43, 3),
        ["B"] = (239, 138, 98, 2),
        ["C"] = (200, 200, 200, 1),
        ["D"] = (103, 169, 207, 1),
        ["E"] = (33, 102, 172, 1),
    };

    public static uint Of(string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return Rgba.Transparent;
        double r = 0, g = 0, b = 0, weights = 0;
        foreach (var code in signature.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct())
        {
            if (!Codes.TryGetValue(code, out var c)) continue;
            r += c.R * c.Weight;
            g += c.G * c.Weight;
            b += c.B * c.Weight;
            weights += c.Weight;
        }
        return weights == 0
            ? Rgba.Transparent
            : Rgba.Opaque(Round(r / weights), Round(g / weights), Round(b / weights));
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
}
