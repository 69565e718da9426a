using Mesa.Processing.Workload;

namespace Mesa.Tiles.Layers;

/// <summary><c>_sensitivity_max</c>: the band colour of sensitivity_code_max; without a code, of the band whose range holds sensitivity_max.</summary>
public static class SensitivityColours
{
    public static uint Of(string? codeMax, double? sensitivityMax, MesaConfig config)
    {
        var band = string.IsNullOrWhiteSpace(codeMax)
            ? sensitivityMax is { } value ? config.BandContaining(value) : null
            : config.FindBand(codeMax);
        // An unknown code, a value in no band or a malformed category_colour draws nothing.
        return band is null ? Rgba.Transparent : Rgba.ParseHex(band.Colour) ?? Rgba.Transparent;
    }
}
