namespace Mesa.PostGis;

/// <summary>Wall time of one step of a run and the rows it produced.</summary>
/// <param name="Stage">"stage", "index", "intersect", "flatten" or "results".</param>
public sealed record StageTiming(string Stage, TimeSpan Elapsed, long Rows);
