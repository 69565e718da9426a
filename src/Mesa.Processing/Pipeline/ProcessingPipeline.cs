using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Mesa.Processing.Engines;
using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Prep;
using Mesa.Processing.Segment;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Processing.Pipeline;

/// <summary>
/// MESA's Process step: prep, intersect (with backfill and the segmentation rows
/// written as cells stream through), flatten, segment, manifest. Results land under the output
/// folder exactly as spec section 9 lays them out. Intersect and flatten are computed by
/// <see cref="ProcessingOptions.Engine"/>; everything they produce is written here, so the files do not
/// depend on the engine.
/// </summary>
public static class ProcessingPipeline
{
    /// <summary>
    /// Prep runs beside intersect on jobs of at most this many cells per thread. On 2 cores (docs/performance.md,
    /// "Prep beside intersect") jobs of 841 to 202,563 cells gained up to 10 % or stayed even, and the 1,010,437-cell
    /// one lost 4-22 %.
    /// </summary>
    public const int PrepBesideCellsPerThread = 131_072;

    /// <exception cref="WorkloadException">The workload fails pre-flight or a table is malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <remarks>A run that fails or is cancelled removes the outputs it had written: a folder never holds a partial result.</remarks>
    public static ProcessingReport Run(MesaWorkload workload, ProcessingOptions options, IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var groups = workload.Preflight();
        var output = options.OutputFolder ?? workload.Folder;
        RemoveOutputs(output);
        try
        {
            return RunStages(workload, groups, options, output, progress, cancellation);
        }
        catch
        {
            RemoveOutputs(output);
            throw;
        }
    }

    private static ProcessingReport RunStages(MesaWorkload workload, IReadOnlyList<AssetGroup> groups, ProcessingOptions options, string output, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var started = DateTimeOffset.UtcNow;
        var threads = Math.Max(1, options.Threads);
        var logger = options.Logger;
        var timings = new List<StageTiming>();

        void Finished(string stage, double seconds)
        {
            var timing = new StageTiming(stage, seconds);
            timings.Add(timing);
            options.StageFinished?.Invoke(timing);
            logger.LogInformation("Stage {Stage} finished in {Seconds:F3} s", stage, timing.Seconds);
        }

        var config = workload.Config;
        var (engine, segment, intersect) = PrepAndIntersect(workload, groups, options, output, threads, progress, cancellation, Finished);
        using (engine)
        using (segment)
        {
            var clock = Stopwatch.StartNew();
            var flatten = engine.Flatten;
            (long Rows, long Slivers) flat;
            try
            {
                flat = FlattenStage.Run(flatten, workload.Tables, config, output, progress, cancellation, options.Parquet, threads);
            }
            catch
            {
                // Nothing may write into the output folder once the run has thrown.
                WaitOut(intersect.StackedWritten);
                throw;
            }
            var flattenSeconds = clock.Elapsed.TotalSeconds;
            // Intersect reports itself when its last rows are written; flatten's report follows it.
            intersect.StackedWritten.GetAwaiter().GetResult();
            Finished(FlattenStage.Name, flattenSeconds);
            var (flatRows, slivers) = flat;

            clock.Restart();
            var segmented = segment.CellCount > 0 ? segment.Layer : null;
            segment.Finish(flatten.BackfillArea);
            Finished(SegmentStage.Name, clock.Elapsed.TotalSeconds);

            foreach (var stage in options.OutputStages)
            {
                clock.Restart();
                stage.Run(output, config, threads, progress, cancellation);
                Finished(stage.Name, clock.Elapsed.TotalSeconds);
            }

            var manifest = new Manifest(options.JobId, Manifest.CurrentServerVersion, config.MesaVersion, engine.Ran ?? options.Engine.Name, started, DateTimeOffset.UtcNow, timings,
                Manifest.Describe(output, OutputPaths(output)), Manifest.StagesNotComputed);
            manifest.Write(output);
            return new ProcessingReport(intersect.Summary, flatRows, slivers, intersect.ExtentKm2, segmented, timings, manifest);
        }
    }

    /// <summary>
    /// Prep, then intersect (with backfill and the segmentation rows written as cells stream through). The two are
    /// independent: on a job of at most <see cref="PrepBesideCellsPerThread"/> cells per thread, prep runs on its own
    /// task beside intersect, whose small chunks and serial writing leave cores idle. A larger job's intersect keeps
    /// every core busy, and prep beside it only added collections over both stages' memory, so there prep runs first.
    /// Each stage's timing is its own duration: intersect's ends when its last rows are written, not when prep ends.
    /// Prep's is reported first, when it ends, and intersect's after it. tbl_stacked's last row group is written on a
    /// task of its own (<c>StackedWritten</c>) beside the end of prep and flatten, which does not read it: writing a
    /// row group compresses its columns on one core. While intersect runs, prep's progress is held back so that the
    /// job's current stage does not flicker between the two. A failure of either cancels the other, and the other is
    /// waited for, so no task writes into the output folder after this returns or throws. The asset objects are only reachable from this frame, prep and the
    /// engine's intersect, so flatten, which follows, does not hold them.
    /// </summary>
    private static (IEngineRun Engine, SegmentStage Segment, (IntersectSummary Summary, double ExtentKm2, Task StackedWritten) Intersect) PrepAndIntersect(
        MesaWorkload workload, IReadOnlyList<AssetGroup> groups, ProcessingOptions options, string output, int threads, IProgress<StageProgress>? progress,
        CancellationToken cancellation, Action<string, double> finished)
    {
        var logger = options.Logger;
        var clock = Stopwatch.StartNew();
        var objects = workload.Tables.ReadAssetObjects();
        var read = clock.Elapsed.TotalSeconds;

        var prepBeside = workload.Tables.CountGeocodeObjects() <= (long)PrepBesideCellsPerThread * threads;
        using var beside = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var prepProgress = new HeldProgress(progress);
        if (!prepBeside) prepProgress.Release();
        progress?.Report(new StageProgress(DataExtentStage.Name, 0, $"union of {objects.Count:N0} asset objects{(prepBeside ? ", beside intersect" : "")}"));
        var prep = Task.Run(() =>
        {
            try
            {
                var prepClock = Stopwatch.StartNew();
                var extentKm2 = DataExtentStage.Run(objects.Select(o => o.Geometry).ToList(), output, threads, prepProgress, beside.Token, options.Parquet);
                finished(DataExtentStage.Name, read + prepClock.Elapsed.TotalSeconds);
                return extentKm2;
            }
            catch
            {
                beside.Cancel();
                throw;
            }
        }, beside.Token);
        if (!prepBeside) prep.GetAwaiter().GetResult();

        clock.Restart();
        IEngineRun? engine = null;
        SegmentStage? segment = null;
        try
        {
            var assets = JoinedAssets.Join(objects, groups);
            if (assets.WithoutGroup > 0)
                logger.LogWarning("{Count} asset objects reference no asset group (ref_asset_group matches no id); their tbl_stacked rows have null group columns", assets.WithoutGroup);
            engine = options.Engine.Start(new EngineStart(
                workload, assets.Assets, workload.Config.GetDefaultDouble("flatten_sliver_min_area_m2"), threads, logger, progress, cancellation));
            var flatten = engine.Flatten;
            segment = new SegmentStage(output, SegmentLayerChoice.Choose(workload.Config, workload.Tables.ReadGeocodeLayerNames()), options.Parquet);
            var segmentation = segment;
            var stacked = new StackedTableWriter(output, options.Parquet, threads);
            Task<double>? writing = null;
            try
            {
                var summary = engine.Intersect.Run(workload.Tables, cell =>
                {
                    flatten.Add(cell);
                    stacked.Add(cell, flatten.BackfillArea(cell.Cell.Code));
                    segmentation.Add(cell);
                    foreach (var (asset, reason) in cell.Unevaluated)
                        logger.LogWarning("Kept cell {Code} x asset {AssetId} unevaluated: intersection failed after make-valid: {Reason}", cell.Cell.Code, asset.Asset.Id, reason);
                }, progress, beside.Token);
                // Intersect's time ends when its last rows are written, whenever prep ends; it is reported after prep's.
                writing = Task.Run(() =>
                {
                    stacked.Dispose();
                    return clock.Elapsed.TotalSeconds;
                }, CancellationToken.None);
                prepProgress.Release();
                var extentKm2 = prep.GetAwaiter().GetResult();
                var stackedWritten = writing.ContinueWith(written => finished(IntersectStage.Name, written.GetAwaiter().GetResult()),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return (engine, segment, (summary, extentKm2, stackedWritten));
            }
            catch
            {
                if (writing is null) stacked.Dispose();
                else WaitOut(writing);
                throw;
            }
        }
        catch (Exception failure)
        {
            beside.Cancel();
            segment?.Dispose();
            engine?.Dispose();
            // Intersect stopped because prep failed: prep's failure is the one to report.
            var prepFailure = WaitOut(prep);
            if (failure is OperationCanceledException && !cancellation.IsCancellationRequested && prepFailure is not null and not OperationCanceledException)
                ExceptionDispatchInfo.Throw(prepFailure);
            throw;
        }
    }

    // Waits for a task that is being cancelled and hands back what it failed with, if anything.
    private static Exception? WaitOut(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    // A rerun into the same folder must not leave files of the previous run beside the new ones,
    // and a failed run must not leave half of its own.
    private static void RemoveOutputs(string output)
    {
        foreach (var folder in new[] { OutputFiles.StackedFolder, OutputFiles.SegmentationFolder, OutputFiles.MbtilesFolder })
        {
            var path = OutputFiles.PathIn(output, folder);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        foreach (var file in new[] { OutputFiles.Flat, OutputFiles.DataExtent, OutputFiles.SegmentationProfiles, OutputFiles.AreaStats, OutputFiles.Manifest })
        {
            var path = OutputFiles.PathIn(output, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Delete(path);
        }
    }

    private static IEnumerable<string> OutputPaths(string output)
    {
        foreach (var folder in new[] { OutputFiles.StackedFolder, OutputFiles.SegmentationFolder, OutputFiles.MbtilesFolder })
        {
            var path = OutputFiles.PathIn(output, folder);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.EnumerateFiles(path)) yield return $"{folder}/{Path.GetFileName(file)}";
        }
        yield return OutputFiles.Flat;
        yield return OutputFiles.DataExtent;
        yield return OutputFiles.SegmentationProfiles;
        yield return OutputFiles.AreaStats;
    }
}
