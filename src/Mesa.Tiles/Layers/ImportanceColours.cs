namespace Mesa.Tiles.Layers;

/// <summary><c>_importance_max</c>: greens by round(importance_max); other integers take the lightest green, null draws nothing.</summary>
public static class ImportanceColours
{
    private static readonly uint[] Greens =
        [Rgba.Opaque(0x7f, 0xbf, 0x7f), Rgba.Opaque(0x5f, 0xbf, 0x5f), Rgba.Opaque(0x3e, 0x9f, 0x4e), Rgba.Opaque(0x1f, 0x7f, 0x3d), Rgba.Opaque(0x0f, 0x5f, 0x2c)];

    public static uint Of(double? importanceMax)
    {
        if (importanceMax is not { } value || double.IsNaN(value)) return Rgba.Transparent;
        var rounded = Math.Round(value, MidpointRounding.ToEven);
        return rounded is >= 1 and <= 5 ? Greens[(int)rounded - 1] : Greens[0];
    }
}
