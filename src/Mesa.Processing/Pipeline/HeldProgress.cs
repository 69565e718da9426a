namespace Mesa.Processing.Pipeline;

/// <summary>
/// A stage's progress held back while it runs beside another stage, and passed on once <see cref="Release"/> says
/// it runs alone: observers see one current stage at a time.
/// </summary>
internal sealed class HeldProgress(IProgress<StageProgress>? inner) : IProgress<StageProgress>
{
    private volatile bool _released;

    public void Release() => _released = true;

    public void Report(StageProgress value)
    {
        if (_released) inner?.Report(value);
    }
}
