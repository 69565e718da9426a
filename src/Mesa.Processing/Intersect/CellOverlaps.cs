using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>
/// One evaluated cell: the assets it overlaps (in tbl_asset_object order; each is one tbl_stacked
/// row) and, when there is at least one, what its rows need from the cell.
/// </summary>
/// <param name="CellIndex">The cell's row number in tbl_geocode_object.</param>
/// <param name="Partition">The work partition the cell was evaluated in: tbl_stacked's <c>grid_cell</c>.</param>
/// <param name="Wkb">The cell geometry as WKB (as stored in tbl_geocode_object), for tbl_stacked; null when nothing overlaps.</param>
/// <param name="AreaM2">The cell's EPSG:3035 area rounded half to even (tbl_flat's <c>area_m2</c>); 0 when nothing overlaps.</param>
/// <param name="Unevaluated">Pairs kept because their intersection could not be computed, with the reason.</param>
public sealed record CellOverlaps(
    long CellIndex,
    long Partition,
    GeocodeObject Cell,
    IReadOnlyList<StackedAsset> Assets,
    byte[]? Wkb,
    long AreaM2,
    IReadOnlyList<(StackedAsset Asset, string Reason)> Unevaluated);
