using Mesa.Processing.Workload;

namespace Mesa.Tiles.Layers;

/// <summary>
/// <c>_sensitivity_max</c>: the band colour of sensitivity_code_max; without a code, of the band whose range holds
/// sensitivity_max rounded half to even (as MESA's int(round(v)), so 20.5 falls in 16-20).
/// </summary>
public static class SensitivityColours
{
    public static uint Of(string? codeMax, double? sensitivityMax, MesaConfig config)
    {
        var band = string.IsNullOrWhiteSpace(codeMax)
            ? sensitivityMax is { } value ? config.BandContaining(Math.Round(value, MidpointRounding.ToEven)) : null
            : config.FindBand(codeMax);
        // An unknown code, a value in no band or a malformed category_colour draws nothing.
        return band is null ? Rgba.Transparent : Rgba.ParseHex(band.Colour) ?? Rgba.Transparent;
    }
}
