using System.Diagnostics;
using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Pipeline;

public sealed class ProgressAndCancellationTests : IDisposable
{
    private readonly string _folder = RandomWorkload.Build(seed: 11).Build(Directory.CreateTempSubdirectory("mesa-cancel-").FullName);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_stage_reports_progress_that_only_grows_and_ends_complete()
    {
        var reports = new List<StageProgress>();
        ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { Threads = 2 }, new SynchronousProgress(reports.Add));

        var stages = reports.Select(r => r.Stage).Distinct().ToList();
        Assert.Equal(["prep", "intersect", "flatten"], stages);
        foreach (var stage in stages)
        {
            var fractions = reports.Where(r => r.Stage == stage).Select(r => r.Fraction).ToList();
            Assert.Equal(fractions.Order(), fractions);
            Assert.All(fractions, f => Assert.InRange(f, 0, 1));
            Assert.All(reports.Where(r => r.Stage == stage), r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        }
        Assert.Equal(1.0, reports.Last(r => r.Stage == IntersectStage.Name).Fraction);
    }

    [Fact]
    public void Cancelling_during_intersect_stops_the_run_promptly()
    {
        using var cancellation = new CancellationTokenSource();
        var clock = new Stopwatch();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == IntersectStage.Name && p.Fraction > 0.2 && !cancellation.IsCancellationRequested)
            {
                clock.Start();
                cancellation.Cancel();
            }
        });

        var output = Path.Combine(_folder, "out");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { OutputFolder = output, Threads = 2 }, progress, cancellation.Token));
        Assert.True(cancellation.IsCancellationRequested);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"stopped {clock.Elapsed} after the request");
        // The data extent and the first stacked parts were written before the request: none may remain.
        Assert.Empty(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Prep_runs_beside_intersect_and_its_failure_stops_intersect_and_is_the_error_reported()
    {
        using var prepFailed = new ManualResetEventSlim();
        var intersectFractions = new List<double>();
        // Intersect's first report waits for prep's failure, so the failure arrives while intersect still has cells to
        // go (it may also arrive before that report).
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage != IntersectStage.Name) return;
            intersectFractions.Add(p.Fraction);
            if (intersectFractions.Count > 1) return;
            Assert.True(prepFailed.Wait(TimeSpan.FromSeconds(30)), "prep never finished while intersect ran");
            Thread.Sleep(200);
        });
        var options = new ProcessingOptions
        {
            OutputFolder = Path.Combine(_folder, "out"),
            Threads = 2,
            StageFinished = timing =>
            {
                if (timing.Stage != "prep") return;
                prepFailed.Set();
                throw new IOException("the data extent could not be recorded");
            },
        };

        var failure = Assert.Throws<IOException>(() => ProcessingPipeline.Run(MesaWorkload.Load(_folder), options, progress));
        Assert.Equal("the data extent could not be recorded", failure.Message);
        Assert.All(intersectFractions, f => Assert.True(f < 1, "intersect ran to its last cell"));
        Assert.Empty(Directory.EnumerateFiles(options.OutputFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Intersect_writes_its_last_rows_beside_flatten_and_is_reported_before_it()
    {
        using var flattenRan = new ManualResetEventSlim();
        var reported = new List<string>();
        var options = new ProcessingOptions
        {
            OutputFolder = Path.Combine(_folder, "out"),
            Threads = 2,
            StageFinished = timing =>
            {
                // Intersect ends once tbl_stacked's last row group is written; flatten must be under way by then.
                if (timing.Stage == IntersectStage.Name)
                    Assert.True(flattenRan.Wait(TimeSpan.FromSeconds(30)), "flatten did not run while intersect's last rows were written");
                lock (reported) reported.Add(timing.Stage);
            },
        };

        var report = ProcessingPipeline.Run(MesaWorkload.Load(_folder), options, new SynchronousProgress(p =>
        {
            if (p.Stage == FlattenStage.Name) flattenRan.Set();
        }));

        Assert.Equal(["prep", "intersect", "flatten", "segment"], reported);
        Assert.Equal(reported, report.Manifest.Stages.Select(s => s.Stage));
        Assert.True(report.Intersect.StackedRows > 0);
        Assert.Contains(report.Manifest.Files, f => f.Path.StartsWith("output/geoparquet/tbl_stacked/", StringComparison.Ordinal) && f.Bytes > 0);
    }

    [Fact]
    public void Intersects_time_is_its_own_work_not_the_wait_for_prep()
    {
        // Prep ends well after intersect: its report holds it up for longer than this small job's intersect takes.
        var prepHeld = TimeSpan.FromSeconds(3);
        var timings = new List<StageTiming>();
        var options = new ProcessingOptions
        {
            OutputFolder = Path.Combine(_folder, "out"),
            Threads = 2,
            StageFinished = timing =>
            {
                if (timing.Stage == "prep") Thread.Sleep(prepHeld);
                lock (timings) timings.Add(timing);
            },
        };

        ProcessingPipeline.Run(MesaWorkload.Load(_folder), options);

        Assert.Equal(["prep", "intersect", "flatten", "segment"], timings.Select(t => t.Stage));
        var intersect = timings.Single(t => t.Stage == IntersectStage.Name).Seconds;
        Assert.True(intersect < prepHeld.TotalSeconds, $"intersect reported {intersect:F3} s: the wait for prep counted as its own");
    }

    [Fact]
    public void A_failure_during_flatten_waits_for_intersects_last_rows_and_leaves_nothing()
    {
        using var flattenFailed = new ManualResetEventSlim();
        var intersectDone = false;
        var options = new ProcessingOptions
        {
            OutputFolder = Path.Combine(_folder, "out"),
            Threads = 2,
            StageFinished = timing =>
            {
                if (timing.Stage != IntersectStage.Name) return;
                // Still at work when flatten fails: the run must wait for it before it clears the folder.
                Assert.True(flattenFailed.Wait(TimeSpan.FromSeconds(30)), "flatten did not run while intersect's last rows were written");
                Thread.Sleep(200);
                Volatile.Write(ref intersectDone, true);
            },
        };
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage != FlattenStage.Name) return;
            flattenFailed.Set();
            throw new IOException("the flat table could not be written");
        });

        var failure = Assert.Throws<IOException>(() => ProcessingPipeline.Run(MesaWorkload.Load(_folder), options, progress));
        Assert.Equal("the flat table could not be written", failure.Message);
        Assert.True(Volatile.Read(ref intersectDone), "the run returned while intersect's last rows were still being written");
        Assert.Empty(Directory.EnumerateFiles(options.OutputFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_job_of_many_cells_per_thread_runs_prep_before_intersect()
    {
        var side = (int)Math.Ceiling(Math.Sqrt(ProcessingPipeline.PrepBesideCellsPerThread + 1));
        var folder = RandomWorkload.Build(seed: 12, assets: 20, cellsPerSide: side).Build(Directory.CreateTempSubdirectory("mesa-prep-first-").FullName);
        try
        {
            var reports = new List<StageProgress>();
            ProcessingPipeline.Run(MesaWorkload.Load(folder), new ProcessingOptions { Threads = 1 }, new SynchronousProgress(reports.Add));

            // Prep's own reports flow, and all of them come before intersect's first.
            var firstIntersect = reports.FindIndex(r => r.Stage == IntersectStage.Name);
            Assert.True(reports.Take(firstIntersect).Count(r => r.Stage == "prep") > 1);
            Assert.DoesNotContain(reports.Skip(firstIntersect), r => r.Stage == "prep");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_writes_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var output = Path.Combine(_folder, "out");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { OutputFolder = output }, null, cancellation.Token));
        Assert.False(File.Exists(OutputFiles.PathIn(output, OutputFiles.Manifest)));
    }

    // Progress<T> posts to the thread pool; these tests need reports in order, as they happen.
    private sealed class SynchronousProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
