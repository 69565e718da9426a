using Npgsql;
using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests;

/// <summary>A run's schema lives exactly as long as the run, whatever way it ends.</summary>
public sealed class RunLifetimeTests
{
    [Fact]
    public async Task Schema_is_dropped_after_a_run()
    {
        using var workload = WorkedExampleTests.Build();
        await using (await TestDatabase.OpenAsync()) { }
        var run = new PostGisReferenceRun(workload.Build(), TestDatabase.ConnectionString);

        var result = await run.ExecuteAsync();

        Assert.Equal(7, result.Stacked.Count);
        Assert.False(await TestDatabase.SchemaExistsAsync(run.Schema));
    }

    [Fact]
    public async Task Schema_is_dropped_after_a_failing_run()
    {
        // PostgreSQL text cannot hold NUL, so staging fails after the schema was created.
        using var workload = WorkedExampleTests.Build().Cell("bad\0code", Square(5, 5, 0.01));
        await using (await TestDatabase.OpenAsync()) { }
        var run = new PostGisReferenceRun(workload.Build(), TestDatabase.ConnectionString);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => run.ExecuteAsync());

        Assert.False(await TestDatabase.SchemaExistsAsync(run.Schema));
    }

    [Fact]
    public async Task Cancellation_stops_the_running_command_and_drops_the_schema()
    {
        // One detailed asset over many cells keeps intersect busy for far longer than the test waits.
        var workload = new TestWorkload().Group(1, "layer_001", 5, 5, 25, "A", "Very high");
        for (var i = 0; i < 4000; i++) workload.Cell($"c{i}", Square(i % 64 * 0.01, i / 64 * 0.01, 0.01));
        workload.Asset(1, 1, Star(0.32, 0.32, 0.3, 20_000));
        using (workload)
        {
            var folder = workload.Build();
            await using (await TestDatabase.OpenAsync()) { }
            var run = new PostGisReferenceRun(folder, TestDatabase.ConnectionString);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var clock = System.Diagnostics.Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.ExecuteAsync(cancel.Token));

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
            Assert.False(await TestDatabase.SchemaExistsAsync(run.Schema));
        }
    }

    // A star-shaped polygon with many vertices, so each intersection with it is costly.
    internal static string Star(double cx, double cy, double radius, int points)
    {
        var ring = Enumerable.Range(0, points + 1).Select(i =>
        {
            var angle = 2 * Math.PI * (i % points) / points;
            var r = i % 2 == 0 ? radius : radius * 0.8;
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cx + r * Math.Cos(angle)} {cy + r * Math.Sin(angle)}");
        });
        return $"POLYGON (({string.Join(", ", ring)}))";
    }
}
