namespace Mesa.PostGis;

/// <summary>What a <see cref="PostGisReferenceRun"/> computed and how long each step took.</summary>
/// <param name="Timings">Steps in run order.</param>
/// <param name="Staging">One entry per staged table.</param>
/// <param name="Stacked">tbl_stacked in stacked sequence (cell staging order, then asset object staging order).</param>
/// <param name="Flat">tbl_flat in tbl_flat.parquet's order (by the first cell of each code).</param>
/// <param name="DataExtentKm2">The area of the union of the asset polygons (tbl_data_extent's area_km2).</param>
/// <param name="Warnings">Server warnings, e.g. pairs intersect kept without being able to evaluate them.</param>
/// <param name="Repaired">True when a GEOS error sent intersect to its make-valid fallback.</param>
public sealed record PostGisRunResult(
    IReadOnlyList<StageTiming> Timings,
    IReadOnlyList<TableStaging> Staging,
    IReadOnlyList<StackedPair> Stacked,
    IReadOnlyList<FlatTableRow> Flat,
    double DataExtentKm2,
    IReadOnlyList<string> Warnings,
    bool Repaired);
