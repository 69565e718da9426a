namespace Mesa.Processing.Flatten;

/// <summary>
/// The columns of one tbl_stacked row that flatten and segment read. Geometry stays with the
/// caller: <see cref="CellIndex"/> is an opaque handle to it, carried to the chosen first row.
/// </summary>
/// <param name="Sequence">
/// The row's position in tbl_stacked order (part files in order, then rows). MESA takes a code's
/// <c>ref_geocodegroup</c>, <c>name_gis_geocodegroup</c> and geometry from its first row; the row
/// with the smallest sequence is that row, however rows are partitioned or ordered on arrival.
/// </param>
public readonly record struct StackedFacts(
    string Code,
    long RefGeocodeGroup,
    string NameGisGeocodeGroup,
    long RefAssetGroup,
    string? NameGisAssetGroup,
    int? Importance,
    int? Susceptibility,
    int? Sensitivity,
    string? SensitivityCode,
    long Sequence,
    int CellIndex);
