using System.Diagnostics;
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
