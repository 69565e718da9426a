using System.Globalization;

namespace Mesa.Tiles.Layers;

/// <summary>
/// Colours as one uint with R in the lowest byte, so that a little-endian pixel buffer is RGBA in
/// memory order as PNG wants it. 0 means transparent: nothing is drawn.
/// </summary>
public static class Rgba
{
    public const uint Transparent = 0;

    public static uint Opaque(int r, int g, int b) => (uint)(r | (g << 8) | (b << 16)) | 0xFF000000u;

    /// <summary>"#rrggbb" (case-insensitive, blanks around ignored) as an opaque colour; null when malformed.</summary>
    public static uint? ParseHex(string? text)
    {
        var hex = text?.Trim();
        if (hex is not { Length: 7 } || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            return null;
        return Opaque((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
    }

    /// <summary>"#rrggbb" of a colour, alpha dropped.</summary>
    public static string ToHex(uint colour) => $"#{colour & 0xFF:x2}{(colour >> 8) & 0xFF:x2}{(colour >> 16) & 0xFF:x2}";

    /// <summary>Channel-wise a + t (b - a), rounded half to even as numpy and Python round.</summary>
    public static uint Lerp((int R, int G, int B) a, (int R, int G, int B) b, double t) =>
        Opaque(Channel(a.R, b.R, t), Channel(a.G, b.G, t), Channel(a.B, b.B, t));

    private static int Channel(int a, int b, double t) => (int)Math.Round(a + t * (b - a), MidpointRounding.ToEven);
}
