using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>The cpu engine's chunk evaluation: every cell through <see cref="CellEvaluator"/>, in parallel.</summary>
public sealed class ParallelCellEvaluation(CellEvaluator evaluator, int threads) : ICellChunkEvaluator
{
    public void Evaluate((long Index, GeocodeObject Cell)[] chunk, CellOverlaps[] results, CancellationToken cancellation) =>
        Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, i =>
            results[i] = evaluator.Evaluate(chunk[i].Index, IntersectStage.PartitionOf(chunk[i].Index), chunk[i].Cell, cancellation));
}
