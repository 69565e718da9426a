using System.Globalization;

namespace Mesa.Processing.Workload;

/// <summary>
/// The projection tbl_flat's <c>area_m2</c> is measured in: <c>[DEFAULT] area_projection_epsg</c>
/// (tbl_settings applied), read as MESA reads it (processing_internal.py, normalize_area_epsg).
/// </summary>
public static class AreaProjection
{
    public const string Key = "area_projection_epsg";

    /// <summary>ETRS89 / LAEA Europe, the only area projection this server computes.</summary>
    public const int LambertEurope = 3035;

    /// <summary>
    /// The EPSG code MESA measures in: an optional "EPSG:" prefix is dropped; geographic 4326 and
    /// 4258 mean 3035 (an area in degrees means nothing), and so does a missing or non-numeric value.
    /// </summary>
    public static int Epsg(string? value)
    {
        var text = (value ?? "").Trim();
        if (text.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) text = text[5..];
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return LambertEurope;
        return code is 4326 or 4258 ? LambertEurope : code;
    }

    /// <summary>Refuses a config whose area projection is one this server does not compute, rather than measure in another.</summary>
    /// <exception cref="WorkloadException">The projection is not EPSG:3035.</exception>
    public static void Check(MesaConfig config)
    {
        if (config.FindDefault(Key) is not var (value, origin)) return;
        var epsg = Epsg(value);
        if (epsg != LambertEurope)
            throw new WorkloadException(
                $"{origin}: [DEFAULT] {Key} = '{value.Trim()}' asks for areas in EPSG:{epsg}; this server measures area_m2 only in EPSG:{LambertEurope} " +
                $"(ETRS89 / LAEA Europe, MESA's default; 4326 and 4258 also mean {LambertEurope}). Set {Key} = {LambertEurope} in config.ini (or tbl_settings) to process here.");
    }
}
