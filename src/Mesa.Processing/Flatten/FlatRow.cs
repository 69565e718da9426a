namespace Mesa.Processing.Flatten;

/// <summary>
/// One tbl_flat row before area and index: every column except <c>area_m2</c>,
/// <c>index_owa</c> and <c>geometry</c>. <see cref="CellIndex"/> is the first row's geometry
/// handle; <see cref="Owa"/> feeds <see cref="OwaIndex.Compute"/>.
/// </summary>
public sealed record FlatRow(
    long RefGeocodeGroup,
    string NameGisGeocodeGroup,
    string Code,
    BandedExtremes Importance,
    BandedExtremes Sensitivity,
    BandedExtremes Susceptibility,
    string AssetGroupNames,
    long AssetGroupsTotal,
    long AssetsOverlapTotal,
    OwaVector Owa,
    int CellIndex);
