namespace Mesa.Processing.Flatten;

/// <summary>The five sensitivity bands, looked up by code to fill tbl_flat's description columns.</summary>
public sealed record BandDescriptions(
    SensitivityBand A,
    SensitivityBand B,
    SensitivityBand C,
    SensitivityBand D,
    SensitivityBand E)
{
    /// <summary>MESA's config.ini defaults.</summary>
    public static BandDescriptions Default { get; } = new(
        new SensitivityBand(21, 25, "Very high"),
        new SensitivityBand(16, 20, "High"),
        new SensitivityBand(11, 15, "Moderate"),
        new SensitivityBand(6, 10, "Low"),
        new SensitivityBand(1, 5, "Very low"));

    /// <summary>
    /// The description of an already normalised code; null for a null, empty or unknown code and
    /// for a band whose description is empty, as MESA writes those cells.
    /// </summary>
    public string? DescriptionOf(string? code)
    {
        string? description = code switch
        {
            "A" => A.Description,
            "B" => B.Description,
            "C" => C.Description,
            "D" => D.Description,
            "E" => E.Description,
            _ => null,
        };
        return string.IsNullOrEmpty(description) ? null : description;
    }
}
