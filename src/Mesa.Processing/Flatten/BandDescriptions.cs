using Mesa.Processing.Workload;

namespace Mesa.Processing.Flatten;

/// <summary>The sensitivity bands of a workload's config, looked up by code to fill tbl_flat's description columns.</summary>
public sealed class BandDescriptions(IReadOnlyList<SensitivityBand> bands)
{
    /// <summary>MESA's config.ini defaults.</summary>
    public static BandDescriptions Default { get; } = new(MesaConfig.Defaults.Bands);

    /// <summary>
    /// The description of an already normalised code; null for a null, empty or unknown code and
    /// for a band whose description is empty, as MESA writes those cells.
    /// </summary>
    public string? DescriptionOf(string? code)
    {
        foreach (var band in bands)
        {
            if (band.Code == code)
                return string.IsNullOrEmpty(band.Description) ? null : band.Description;
        }
        return null;
    }
}
