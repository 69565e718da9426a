using System.Globalization;
using Mesa.Processing.Tests.Workload;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>
/// A seeded workload with overlapping irregular polygons, points and a square grid of cells, big
/// enough to span several intersect chunks and work partitions.
/// </summary>
internal static class RandomWorkload
{
    public static TestWorkloadBuilder Build(int seed, int assets = 80, int cellsPerSide = 100)
    {
        var random = new Random(seed);
        var builder = new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddAssetGroup(2, "layer_002", 4, 3)
            .AddAssetGroup(3, "layer_003", 2, 2)
            .AddAssetGroup(4, "layer_004", 0, 0);
        for (var i = 0; i < assets; i++)
        {
            var group = random.Next(1, 5);
            var (x, y) = (10 + random.NextDouble() * 0.1, 60 + random.NextDouble() * 0.1);
            builder.AddAssetObject(i + 1, group, i % 10 == 9 ? Point(x, y) : Blob(random, x, y, 0.002 + random.NextDouble() * 0.02));
        }
        const double step = 0.1 / 100;
        for (var row = 0; row < cellsPerSide; row++)
        {
            for (var column = 0; column < cellsPerSide; column++)
            {
                var west = 10 + column * step * 100 / cellsPerSide;
                var south = 60 + row * step * 100 / cellsPerSide;
                var size = step * 100 / cellsPerSide;
                builder.AddGeocode($"sq_{column}_{row}", "basic_mosaic", WorkedExampleWorkload.Box(west, south, west + size, south + size));
            }
        }
        return builder;
    }

    private static string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"POINT ({x} {y})");

    // A star-shaped polygon: radius perturbed by two harmonics, so it is always simple.
    private static string Blob(Random random, double x, double y, double radius)
    {
        var (phase1, phase2) = (random.NextDouble() * Math.Tau, random.NextDouble() * Math.Tau);
        const int vertices = 64;
        var ring = Enumerable.Range(0, vertices).Select(i =>
        {
            var angle = i * Math.Tau / vertices;
            var r = radius * (1 + 0.3 * Math.Sin(3 * angle + phase1) + 0.15 * Math.Sin(7 * angle + phase2));
            return string.Create(CultureInfo.InvariantCulture, $"{x + r * Math.Cos(angle) * 2} {y + r * Math.Sin(angle)}");
        }).ToList();
        ring.Add(ring[0]);
        return $"POLYGON (({string.Join(", ", ring)}))";
    }
}
