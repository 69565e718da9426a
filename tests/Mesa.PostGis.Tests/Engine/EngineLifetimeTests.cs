using System.Diagnostics;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests.Engine;

/// <summary>The PostGIS engine's per-job schema lives exactly as long as the pipeline run, however it ends.</summary>
public sealed class EngineLifetimeTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("mesa-postgis-engine-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Schema_is_dropped_after_a_processed_job()
    {
        using var workload = WorkedExampleTests.Build();
        var log = new SchemaLog();

        var report = Process(workload.Build(), log, CancellationToken.None);

        Assert.Equal(7, report.Intersect.StackedRows);
        Assert.Equal(PostGisEngine.EngineName, report.Manifest.Engine);
        Assert.False(await TestDatabase.SchemaExistsAsync(Assert.Single(log.Schemas)));
    }

    [Fact]
    public async Task Schema_and_outputs_are_removed_after_a_failing_job()
    {
        // PostgreSQL text cannot hold NUL, so staging fails after the schema was created.
        using var workload = WorkedExampleTests.Build().Cell("bad\0code", Square(5, 5, 0.01));
        var log = new SchemaLog();

        var error = Assert.Throws<EngineException>(() => Process(workload.Build(), log, CancellationToken.None));

        Assert.StartsWith("PostGIS failed: ", error.Message);
        Assert.False(await TestDatabase.SchemaExistsAsync(Assert.Single(log.Schemas)));
        Assert.False(Directory.Exists(OutputFiles.PathIn(_output, OutputFiles.StackedFolder)));
    }

    [Fact]
    public async Task Cancellation_stops_PostGIS_promptly_and_drops_the_schema()
    {
        // One detailed asset over many cells keeps intersect busy for far longer than the test waits.
        using var workload = new TestWorkload().Group(1, "layer_001", 5, 5, 25, "A", "Very high");
        for (var i = 0; i < 4000; i++) workload.Cell($"c{i}", Square(i % 64 * 0.01, i / 64 * 0.01, 0.01));
        workload.Asset(1, 1, RunLifetimeTests.Star(0.32, 0.32, 0.3, 20_000));
        var folder = workload.Build();
        var log = new SchemaLog();
        using var cancel = new CancellationTokenSource();
        var sinceCancel = new Stopwatch();
        // Cancelled a moment after the intersect SQL has started, so the cancel has to reach the server.
        var progress = new InlineProgress(p =>
        {
            if (p.Message != PostGisEngine.IntersectRunningMessage) return;
            cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
            sinceCancel.Start();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Process(folder, log, cancel.Token, progress));

        Assert.True(sinceCancel.IsRunning, "the intersect SQL never started");
        Assert.InRange(sinceCancel.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.False(await TestDatabase.SchemaExistsAsync(Assert.Single(log.Schemas)));
        Assert.False(File.Exists(OutputFiles.PathIn(_output, OutputFiles.Manifest)));
    }

    private ProcessingReport Process(string workload, SchemaLog log, CancellationToken cancellation, IProgress<StageProgress>? progress = null) =>
        ProcessingPipeline.Run(MesaWorkload.Load(workload),
            new ProcessingOptions { OutputFolder = _output, Engine = new PostGisEngine(TestDatabase.ConnectionString, flattenInPostGis: true), Logger = log },
            progress, cancellation);

    // Progress<T> posts to the thread pool; this reports on the pipeline's own thread, in order.
    private sealed class InlineProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
