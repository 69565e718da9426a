namespace Mesa.Processing.Flatten;

/// <summary>
/// tbl_flat drops cells whose rounded <c>area_m2</c> is below <c>flatten_sliver_min_area_m2</c>.
/// The drop happens after index_owa is computed, so slivers still count towards D and ranks.
/// </summary>
public static class SliverRule
{
    /// <summary>MESA's default <c>flatten_sliver_min_area_m2</c>.</summary>
    public const double DefaultMinAreaM2 = 1.0;

    /// <summary>True when the cell is dropped from tbl_flat (and backfills a null area).</summary>
    public static bool IsSliver(long areaM2, double minAreaM2 = DefaultMinAreaM2) => areaM2 < minAreaM2;
}
