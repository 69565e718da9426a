namespace Mesa.Tiles.Source;

/// <summary>The tbl_flat columns of one cell that colour its tiles, and its segmentation signature (null without one).</summary>
public readonly record struct FlatCellValues(
    string? SensitivityCodeMax,
    double? SensitivityMax,
    long? AssetGroupsTotal,
    long? AssetsOverlapTotal,
    double? ImportanceMax,
    long? IndexOwa,
    string? Signature);
