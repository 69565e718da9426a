namespace Mesa.Processing.Engines;

/// <summary>
/// Chooses where intersect and flatten are computed. It lives beside the pipeline so that engines
/// in other assemblies (PostGIS) plug in through <see cref="Pipeline.ProcessingOptions.Engine"/>.
/// </summary>
public interface IProcessingEngine
{
    /// <summary>As manifest.json records it: <c>cpu</c>, <c>postgis</c> or a per-stage choice such as <c>intersect=postgis,flatten=cpu</c>.</summary>
    string Name { get; }

    /// <summary>Prepares one run (indexes, staging); the caller disposes the result.</summary>
    IEngineRun Start(EngineStart start);
}
