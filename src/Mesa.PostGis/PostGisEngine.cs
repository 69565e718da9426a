using Mesa.Processing.Engines;
using Mesa.Processing.Flatten;
using Mesa.Processing.Pipeline;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// Intersect (and, with <c>flattenInPostGis</c>, flatten) as set-based SQL in a per-job schema: the
/// workload is staged by binary COPY when the run starts, tbl_stacked's pairs stream back into the
/// pipeline's writers, and the schema is dropped when the run is disposed, after success, failure or cancel.
/// </summary>
public sealed class PostGisEngine : IProcessingEngine
{
    public const string EngineName = "postgis";

    /// <summary>The intersect stage's progress message while its SQL runs in PostGIS (no finer progress is known then).</summary>
    public const string IntersectRunningMessage = "intersect running in PostGIS";

    private readonly string _connectionString;
    private readonly string _target;
    private readonly bool _flattenInPostGis;

    /// <exception cref="EngineException">The connection string is malformed.</exception>
    public PostGisEngine(string connectionString, bool flattenInPostGis)
    {
        try
        {
            _target = PostGisJob.Describe(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new EngineException($"the PostGIS connection string is malformed: {e.Message}", e);
        }
        _connectionString = connectionString;
        _flattenInPostGis = flattenInPostGis;
    }

    public string Name => _flattenInPostGis ? EngineName : $"intersect={EngineName},flatten={CpuEngine.EngineName}";

    /// <exception cref="EngineException">The database cannot be reached, or staging fails.</exception>
    public IEngineRun Start(EngineStart start)
    {
        var cancellation = start.Cancellation;
        var job = Open(cancellation);
        start.Logger.LogInformation("PostGIS engine working in schema {Schema} at {Target}", job.Schema.Name, _target);
        try
        {
            start.Progress?.Report(new StageProgress("intersect", 0, "staging the workload into PostGIS"));
            var staging = PostGisCall.Wait(() => job.StageAsync(start.Workload, cancellation), cancellation);
            foreach (var table in staging)
                start.Logger.LogInformation("Staged {Table}: {Rows} rows, {Bytes} bytes in {Seconds:F3} s ({MegabytesPerSecond:F1} MB/s)",
                    table.Table, table.Rows, table.Bytes, table.Elapsed.TotalSeconds, table.MegabytesPerSecond);
            PostGisCall.Wait(() => job.IndexAsync(cancellation), cancellation);
            IFlattenEngine flatten = _flattenInPostGis ? new PostGisFlatten(job, start.SliverMinAreaM2, cancellation) : new FlattenAccumulator(start.SliverMinAreaM2);
            return new Run(job, new PostGisIntersect(job, start.Assets, start.Logger), flatten);
        }
        catch
        {
            job.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private PostGisJob Open(CancellationToken cancellation)
    {
        try
        {
            return PostGisJob.OpenAsync(_connectionString, RunSchema.CreateUnique(), cancellation).GetAwaiter().GetResult();
        }
        catch (NpgsqlException e) when (!cancellation.IsCancellationRequested)
        {
            throw new EngineException($"PostGIS at {_target} is not reachable or refused the job: {e.Message}", e);
        }
    }

    private sealed class Run(PostGisJob job, IIntersectEngine intersect, IFlattenEngine flatten) : IEngineRun
    {
        public IIntersectEngine Intersect => intersect;

        public IFlattenEngine Flatten => flatten;

        public void Dispose() => job.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
