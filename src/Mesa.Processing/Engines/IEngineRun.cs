namespace Mesa.Processing.Engines;

/// <summary>
/// The intersect and flatten engines of one pipeline run. Disposing it releases whatever the run
/// holds outside the process (a PostGIS engine's per-job schema), after success, failure or cancel.
/// </summary>
public interface IEngineRun : IDisposable
{
    IIntersectEngine Intersect { get; }

    IFlattenEngine Flatten { get; }
}
