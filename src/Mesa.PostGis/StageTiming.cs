namespace Mesa.PostGis;

/// <summary>Wall time of one step of a run and the rows it produced.</summary>
/// <param name="Stage">"stage" (rows staged), "index" (no rows), "intersect" (tbl_stacked rows), "flatten" (tbl_flat rows) or "results" (rows read back).</param>
public sealed record StageTiming(string Stage, TimeSpan Elapsed, long? Rows);
