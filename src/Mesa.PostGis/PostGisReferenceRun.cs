using System.Diagnostics;
using Mesa.Processing.Workload;

namespace Mesa.PostGis;

/// <summary>
/// Runs prep's data extent, intersect and flatten (spec sections 3 to 5) for one workload in PostGIS: stages it into a
/// fresh schema, builds tbl_stacked and tbl_flat with the SQL of sql/processing/, reads the
/// results back and drops the schema whether the run succeeds, fails or is cancelled. It is the
/// independent reference the in-process engine is checked and benchmarked against.
/// </summary>
public sealed class PostGisReferenceRun(string workloadFolder, string connectionString)
{
    private const string SliverSetting = "flatten_sliver_min_area_m2";

    /// <summary>The schema this run works in; it exists only while the run does.</summary>
    public RunSchema Schema { get; } = RunSchema.CreateUnique();

    /// <summary>Stages the workload in <paramref name="workloadFolder"/>, runs intersect then flatten and returns timings and results.</summary>
    /// <exception cref="WorkloadException">The workload cannot be read or fails pre-flight.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the running command is cancelled on the server.</exception>
    public static Task<PostGisRunResult> RunAsync(string workloadFolder, string connectionString, CancellationToken cancellationToken = default) =>
        new PostGisReferenceRun(workloadFolder, connectionString).ExecuteAsync(cancellationToken);

    /// <inheritdoc cref="RunAsync"/>
    public async Task<PostGisRunResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var workload = MesaWorkload.Load(workloadFolder);
        workload.Preflight();
        var sliverMinAreaM2 = workload.Config.GetDefaultDouble(SliverSetting);

        await using var job = await PostGisJob.OpenAsync(connectionString, Schema, cancellationToken);
        IReadOnlyList<TableStaging> staging = [];
        var stageTime = await TimedAsync(async () => staging = await job.StageAsync(workload, cancellationToken));
        var indexTime = await TimedAsync(() => job.IndexAsync(cancellationToken));
        var extentKm2 = 0.0;
        var prepTime = await TimedAsync(async () => extentKm2 = await job.DataExtentAreaAsync(cancellationToken));
        var repaired = false;
        var intersectTime = await TimedAsync(async () => repaired = await job.IntersectAsync(cancellationToken));
        var flattenTime = await TimedAsync(() => job.FlattenAsync(sliverMinAreaM2, cancellationToken));

        IReadOnlyList<StackedPair> stacked = [];
        IReadOnlyList<FlatTableRow> flat = [];
        var resultsTime = await TimedAsync(async () =>
        {
            stacked = await ResultReader.ReadStackedAsync(job, cancellationToken);
            flat = [.. (await ResultReader.ReadFlatAsync(job, cancellationToken)).Select(r => r.Row)];
        });
        // Dropped here rather than by disposal, so that a failing drop after a good run is reported.
        await job.DropAsync();

        StageTiming[] timings =
        [
            new("stage", stageTime, staging.Sum(t => t.Rows)),
            new("index", indexTime, null),
            new("prep", prepTime, null),
            new("intersect", intersectTime, stacked.Count),
            new("flatten", flattenTime, flat.Count),
            new("results", resultsTime, stacked.Count + flat.Count),
        ];
        return new PostGisRunResult(timings, staging, stacked, flat, extentKm2, job.Warnings, repaired);
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        await step();
        return clock.Elapsed;
    }
}
