namespace Mesa.Processing.Workload;

/// <summary>A row of tbl_asset_group: one asset layer and its assessment as MESA's parameter tool stored it.</summary>
/// <param name="Sensitivity">Stored importance x susceptibility; 0 means not assessed. Copied, never recomputed.</param>
/// <param name="SensitivityCode">"A".."E", or "" when not assessed.</param>
public sealed record AssetGroup(
    long Id,
    string? NameOriginal,
    string NameGisAssetGroup,
    string? TitleFromUser,
    long? TotalAssetObjects,
    int? Importance,
    int? Susceptibility,
    int? Sensitivity,
    string? SensitivityCode,
    string? SensitivityDescription)
{
    /// <summary>True when importance and susceptibility are both in 1..5, so MESA could compute a sensitivity.</summary>
    public bool IsAssessed => Importance is >= 1 and <= 5 && Susceptibility is >= 1 and <= 5;
}
