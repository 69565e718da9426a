using Mesa.Processing.Workload;

namespace Mesa.Processing.Flatten;

/// <summary>
/// What tbl_flat's code and description columns are looked up in: the workload config's
/// importance/susceptibility letters and its band descriptions.
/// </summary>
public sealed class FlatBands(IReadOnlyList<SensitivityBand> bands, RatingBands ratings)
{
    /// <summary>MESA's config.ini defaults.</summary>
    public static FlatBands Default { get; } = Of(MesaConfig.Defaults);

    public static FlatBands Of(MesaConfig config) => new(config.Bands, config.Ratings);

    /// <summary>The letter of an importance or susceptibility value; null when no band covers it.</summary>
    public string? RatingCode(int? value) => ratings.CodeOf(value);

    /// <summary>
    /// The description of an already normalised code; null for a null, empty or unknown code. A band
    /// whose description is empty gives "", as MESA writes it (its description map holds every band's text).
    /// </summary>
    public string? DescriptionOf(string? code)
    {
        // Indexed: enumerating the list through its interface allocates, and this runs for every column of every row.
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Code == code)
                return bands[i].Description;
        }
        return null;
    }
}
