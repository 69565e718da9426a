using Mesa.Processing.Engines;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// Intersect in PostGIS: builds the job's tbl_stacked with sql/processing/intersect_*.sql, then
/// streams its (cell, asset) pairs in stacked sequence alongside the workload's cells, handing each
/// cell on exactly as the cpu engine would.
/// </summary>
internal sealed class PostGisIntersect(PostGisJob job, IReadOnlyList<StackedAsset> assets, ILogger logger) : IIntersectEngine
{
    private const int ProgressEvery = 8192;

    private static readonly IReadOnlyList<(StackedAsset, string)> NoFailures = [];

    public IntersectSummary Run(WorkloadTables tables, Action<CellOverlaps> onCell, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        progress?.Report(new StageProgress(IntersectStage.Name, 0, PostGisEngine.IntersectRunningMessage));
        if (PostGisCall.Wait(() => job.IntersectAsync(cancellation), cancellation))
            logger.LogWarning("PostGIS intersect met invalid geometry and reran with make-valid");
        // PostGIS names an unevaluated pair by the points of its geometries, not by cell and asset id.
        var unevaluated = job.Warnings.Count;
        foreach (var warning in job.Warnings) logger.LogWarning("PostGIS: {Warning}", warning);

        var cells = new DistinctCells(tables);
        var total = cells.Total;
        long overlapped = 0, rows = 0;
        try
        {
            using var pairs = job.Query("intersect_pairs");
            // The reader is synchronous (one row at a time); a cancel stops the query on the server.
            using var cancelQuery = cancellation.Register(pairs.Cancel);
            using var reader = pairs.ExecuteReader();
            var hasPair = reader.Read();
            foreach (var (index, cell) in cells.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                var overlapping = new List<StackedAsset>();
                for (; hasPair && reader.GetInt64(0) == index; hasPair = reader.Read()) overlapping.Add(assets[checked((int)reader.GetInt64(1))]);
                if (overlapping.Count > 0) overlapped++;
                rows += overlapping.Count;
                onCell(CellEvaluator.Overlapped(index, IntersectStage.PartitionOf(index), cell, overlapping, NoFailures));
                if (cells.Rows % ProgressEvery == 0)
                    progress?.Report(new StageProgress(IntersectStage.Name, (double)cells.Rows / Math.Max(1, total), $"{cells.Rows:N0} of {total:N0} cells, {rows:N0} stacked rows"));
            }
            if (hasPair) throw new EngineException($"PostGIS returned a pair for cell row {reader.GetInt64(0)}, beyond the workload's cells.");
        }
        catch (NpgsqlException e)
        {
            throw PostGisCall.Translate(e, cancellation);
        }
        return new IntersectSummary(cells.Rows, cells.Duplicates, overlapped, rows, unevaluated);
    }
}
