namespace Mesa.Processing.Pipeline;

/// <summary>
/// Passes reports on one at a time: prep and intersect run side by side, and observers (a console bar, a job's
/// status) are written for one stage reporting at a time.
/// </summary>
internal sealed class SerializedProgress(IProgress<StageProgress> inner) : IProgress<StageProgress>
{
    private readonly Lock _gate = new();

    public void Report(StageProgress value)
    {
        lock (_gate) inner.Report(value);
    }
}
