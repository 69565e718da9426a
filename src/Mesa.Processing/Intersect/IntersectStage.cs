using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>
/// Stage "intersect" (spec section 4): evaluates every cell of tbl_geocode_object against the
/// assets on all cores and hands the results on in cell order, so everything downstream
/// (tbl_stacked, flatten, segment) is independent of the thread count.
/// </summary>
/// <remarks>
/// Cells stream through in chunks: one chunk is evaluated in parallel while the previous one is
/// written, so memory depends on the chunk size, never on the number of stacked rows.
/// </remarks>
/// <param name="chunks">Evaluates a chunk of cells.</param>
/// <param name="partitionsPerChunk">Chunk size in partitions; the default suits an evaluator that gains from large batches (a GPU).</param>
public sealed class IntersectStage(ICellChunkEvaluator chunks, int partitionsPerChunk = 8) : IIntersectEngine
{
    public const string Name = "intersect";

    /// <summary>Cells per work partition (tbl_stacked's <c>grid_cell</c>); fixed so the value does not depend on threads.</summary>
    public const int PartitionSize = 1024;

    /// <summary>
    /// The cpu engine's chunk size. Small chunks start evaluating after few cells are read and leave little writing
    /// after the last evaluation, and fewer cells outlive a garbage collection: 250 m hexagon samples (14,400 cells)
    /// took 0.26 s with 2 partitions against 0.28 s with 8, larger workloads the same (docs/performance.md).
    /// </summary>
    private const int CpuPartitionsPerChunk = 2;

    /// <summary>The cpu engine's intersect: each chunk's cells evaluated on <paramref name="threads"/> cores.</summary>
    public IntersectStage(AssetIndex assets, int threads)
        : this(new ParallelCellEvaluation(new CellEvaluator(assets), threads), CpuPartitionsPerChunk)
    {
    }

    /// <summary>tbl_stacked's <c>grid_cell</c> of the cell at row <paramref name="cellIndex"/> of tbl_geocode_object.</summary>
    public static long PartitionOf(long cellIndex) => cellIndex / PartitionSize;

    /// <inheritdoc/>
    public IntersectSummary Run(WorkloadTables tables, Action<CellOverlaps> onCell, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var cells = new DistinctCells(tables);
        var total = cells.Total;
        long overlapped = 0, rows = 0, unevaluated = 0;
        var pending = new List<(long Index, Workload.GeocodeObject Cell)>(PartitionSize * partitionsPerChunk);
        Task consuming = Task.CompletedTask;

        void Dispatch()
        {
            var chunk = pending.ToArray();
            pending.Clear();
            var results = new CellOverlaps[chunk.Length];
            chunks.Evaluate(chunk, results, cancellation);
            consuming.GetAwaiter().GetResult();
            var done = chunk[^1].Index + 1;
            consuming = Task.Run(() =>
            {
                foreach (var result in results)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (result.Assets.Count > 0) overlapped++;
                    rows += result.Assets.Count;
                    unevaluated += result.Unevaluated.Count;
                    onCell(result);
                }
                progress?.Report(new StageProgress(Name, (double)done / Math.Max(1, total), $"{done:N0} of {total:N0} cells, {rows:N0} stacked rows"));
            }, cancellation);
        }

        // Partitions follow the row number, duplicates included, so grid_cell does not depend on chunking.
        foreach (var cell in cells.Read())
        {
            pending.Add(cell);
            if (pending.Count == pending.Capacity) Dispatch();
        }
        if (pending.Count > 0) Dispatch();
        consuming.GetAwaiter().GetResult();
        return new IntersectSummary(cells.Rows, cells.Duplicates, overlapped, rows, unevaluated);
    }
}
