namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// A <see cref="FlatTableRow"/> as the 27 values of tbl_flat's columns in the spec's order, and back,
/// so that two engines' rows can be compared and reported column by column.
/// </summary>
internal static class FlatColumns
{
    /// <summary>Spec section 5's column list, written out here rather than taken from either engine.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "ref_geocodegroup", "name_gis_geocodegroup", "code",
        "importance_min", "importance_max", "importance_code_min", "importance_description_min",
        "importance_code_max", "importance_description_max",
        "sensitivity_min", "sensitivity_max", "sensitivity_code_min", "sensitivity_description_min",
        "sensitivity_code_max", "sensitivity_description_max",
        "susceptibility_min", "susceptibility_max", "susceptibility_code_min", "susceptibility_description_min",
        "susceptibility_code_max", "susceptibility_description_max",
        "asset_group_names", "asset_groups_total", "area_m2", "assets_overlap_total", "index_owa", "geometry",
    ];

    public const int Geometry = 26;

    public static object?[] Values(FlatTableRow r) =>
    [
        r.RefGeocodeGroup, r.NameGisGeocodeGroup, r.Code,
        r.ImportanceMin, r.ImportanceMax, r.ImportanceCodeMin, r.ImportanceDescriptionMin, r.ImportanceCodeMax, r.ImportanceDescriptionMax,
        r.SensitivityMin, r.SensitivityMax, r.SensitivityCodeMin, r.SensitivityDescriptionMin, r.SensitivityCodeMax, r.SensitivityDescriptionMax,
        r.SusceptibilityMin, r.SusceptibilityMax, r.SusceptibilityCodeMin, r.SusceptibilityDescriptionMin, r.SusceptibilityCodeMax, r.SusceptibilityDescriptionMax,
        r.AssetGroupNames, r.AssetGroupsTotal, r.AreaM2, r.AssetsOverlapTotal, r.IndexOwa, r.Geometry,
    ];

    /// <summary>The row of 27 values read from a Parquet file (integers as long, strings, WKB as bytes).</summary>
    public static FlatTableRow Row(object?[] v) => new(
        (long)v[0]!, (string)v[1]!, (string)v[2]!,
        (long?)v[3], (long?)v[4], (string?)v[5], (string?)v[6], (string?)v[7], (string?)v[8],
        (long?)v[9], (long?)v[10], (string?)v[11], (string?)v[12], (string?)v[13], (string?)v[14],
        (long?)v[15], (long?)v[16], (string?)v[17], (string?)v[18], (string?)v[19], (string?)v[20],
        (string?)v[21], (long)v[22]!, (long)v[23]!, (long)v[24]!, (long)v[25]!, (byte[])v[26]!);
}
