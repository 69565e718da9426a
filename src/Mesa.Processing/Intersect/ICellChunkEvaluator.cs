using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>
/// Where <see cref="IntersectStage"/> evaluates a chunk of cells: on the cpu cores, or with a device's help.
/// The stage streams, orders and writes the results the same way whichever evaluates them.
/// </summary>
public interface ICellChunkEvaluator
{
    /// <summary>Fills <paramref name="results"/>[i] with the evaluation of <paramref name="chunk"/>[i].</summary>
    void Evaluate((long Index, GeocodeObject Cell)[] chunk, CellOverlaps[] results, CancellationToken cancellation);
}
