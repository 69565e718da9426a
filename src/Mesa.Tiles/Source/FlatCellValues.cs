namespace Mesa.Tiles.Source;

/// <summary>The tbl_flat columns of one cell that colour its tiles.</summary>
public sealed record FlatCellValues(
    string Code,
    string? SensitivityCodeMax,
    double? SensitivityMax,
    long? AssetGroupsTotal,
    long? AssetsOverlapTotal,
    double? ImportanceMax,
    long? IndexOwa);
