using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Engines;

/// <summary>
/// Where stage "intersect" (spec section 4) is computed. Whatever computes it, the pipeline writes
/// tbl_stacked and the segmentation rows from the cells handed to <c>onCell</c>, so every engine
/// produces the same files.
/// </summary>
public interface IIntersectEngine
{
    /// <param name="onCell">Called once per evaluated cell (duplicates skipped), in tbl_geocode_object order, never concurrently.</param>
    IntersectSummary Run(WorkloadTables tables, Action<CellOverlaps> onCell, IProgress<StageProgress>? progress, CancellationToken cancellation);
}
