namespace Mesa.Processing.Intersect;

/// <summary>What the intersect stage saw.</summary>
/// <param name="Cells">Rows of tbl_geocode_object.</param>
/// <param name="DuplicateCells">Cells skipped because an earlier cell had the same (code, name_gis_geocodegroup).</param>
/// <param name="OverlappedCells">Cells with at least one tbl_stacked row.</param>
/// <param name="StackedRows">tbl_stacked rows.</param>
/// <param name="UnevaluatedPairs">Pairs kept although their intersection could not be computed.</param>
public sealed record IntersectSummary(long Cells, long DuplicateCells, long OverlappedCells, long StackedRows, long UnevaluatedPairs);
