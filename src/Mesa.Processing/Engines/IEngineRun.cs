namespace Mesa.Processing.Engines;

/// <summary>
/// The intersect and flatten engines of one pipeline run. Disposing it releases whatever the run
/// holds outside the process (a PostGIS engine's per-job schema), after success, failure or cancel.
/// </summary>
public interface IEngineRun : IDisposable
{
    IIntersectEngine Intersect { get; }

    IFlattenEngine Flatten { get; }

    /// <summary>
    /// What ran each stage, for manifest.json, once the stages are done: null when the engine's
    /// <see cref="IProcessingEngine.Name"/> says it; an engine that can fall back or runs on a chosen
    /// device names what actually ran.
    /// </summary>
    string? Ran => null;
}
