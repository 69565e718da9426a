using Mesa.GeoParquet.Writing;
using Mesa.Processing.Grids;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Synthetic;

/// <summary>
/// Writes a realistic MESA workload for benchmarks and tests: config.ini with the default bands, 8 to 12 asset
/// groups, organic asset polygons clustered into hotspots (plus a few multipolygons, polygons with holes, raw lines
/// and points) and one layer of hexagonal cells covering the region. Everything is drawn from one seeded
/// <see cref="Random"/>, so the same options write byte-identical files. Cells and assets are streamed: memory
/// stays at one row group whatever the size.
/// </summary>
public static class SyntheticWorkload
{
    /// <summary>The fewest asset objects written, enough for every group and every kind of shape to appear.</summary>
    public const int MinObjects = 120;

    /// <summary>Largest cell count accepted (about 100 GB of tables).</summary>
    public const long MaxCells = 1_000_000_000;

    /// <summary>Objects whose id has these remainders are raw points and lines, so both kinds appear in every workload.</summary>
    private const int PointEvery = 101, PointAt = 50, LineEvery = 103, LineAt = 20;

    /// <summary>Compressed bytes per WKB vertex of a blob (16 raw; ZSTD saves little on noisy coordinates), measured on 100 MB workloads.</summary>
    private const double BytesPerVertex = 14.5;

    /// <summary>Compressed bytes of an asset row besides its vertices (id, group, attributes, WKB headers).</summary>
    private const double BytesPerObject = 40;

    /// <exception cref="ArgumentOutOfRangeException">A target or cell count that is not positive, or too many cells.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static SyntheticSummary Generate(string folder, SyntheticOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TargetBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Cells);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Cells, MaxCells);
        var random = new Random(options.Seed);
        var region = SyntheticRegion.Create(random);
        var groups = SyntheticGroups.Create(random, region.HotspotCount);

        var writer = new WorkloadWriter(folder);
        writer.WriteConfig(DefaultConfig.Text);
        var grid = new HexGrid(CellMetres(options.Cells));
        long cells = writer.WriteGeocodeObjects(grid.Cover(region.Bounds, grid.DefaultGroupName, 1));
        long cellBytes = Bytes(folder, WorkloadFiles.GeocodeObject);

        var tally = new Tally(groups.Count);
        // Small row groups: a blob holds hundreds of vertices, so the default 128 Ki rows would hold gigabytes.
        var assetWriter = new WorkloadWriter(folder, ParquetWriterOptions.Default with { MaxRowsPerRowGroup = 4096 });
        long objects = assetWriter.WriteAssetObjects(Objects(random, region, groups, options.TargetBytes - cellBytes, tally));
        writer.WriteAssetGroups(
            groups.Select((g, i) => g.Group with { TotalAssetObjects = tally.Counts[i] }),
            groups.Select((g, i) => (g.Group.Id, tally.Envelopes[i])).ToDictionary());

        var sizes = new[] { WorkloadFiles.GeocodeObject, WorkloadFiles.AssetObject, WorkloadFiles.AssetGroup }
            .Select(t => KeyValuePair.Create(Path.GetFileNameWithoutExtension(t), Bytes(folder, t)))
            .ToList();
        return new SyntheticSummary(groups.Count, groups.Count(g => !g.Group.IsAssessed), objects, cells,
            grid.DefaultGroupName, grid.CellMetres, region.Bounds, sizes);
    }

    /// <summary>Across-flats width, whole metres, for about <paramref name="cells"/> hexagons over the region.</summary>
    private static double CellMetres(long cells)
    {
        double hexagonArea = SyntheticRegion.WidthMetres * SyntheticRegion.HeightMetres / cells;
        return Math.Max(1, Math.Round(Math.Sqrt(hexagonArea / (Math.Sqrt(3) / 2))));
    }

    private static IEnumerable<AssetObject> Objects(Random random, SyntheticRegion region, IReadOnlyList<SyntheticGroup> groups, long budgetBytes, Tally tally)
    {
        double totalWeight = groups.Sum(g => g.Weight);
        double spent = 0;
        for (long id = 1; id <= MinObjects || spent < budgetBytes; id++)
        {
            int index = Pick(groups, random.NextDouble() * totalWeight);
            var group = groups[index];
            // One object in ten lies anywhere, the rest cluster around the group's hotspots.
            var (lon, lat) = random.NextDouble() < 0.1
                ? region.Anywhere(random)
                : region.Near(random, group.Hotspots[random.Next(group.Hotspots.Length)]);
            var geometry = region.Place(Shape(random, id), lon, lat);
            spent += BytesPerObject + BytesPerVertex * geometry.NumPoints;
            tally.Add(index, geometry.EnvelopeInternal);
            yield return new AssetObject(id, group.Group.NameOriginal, $"{{\"feature_id\": {id}, \"source\": \"synthetic\"}}", true, group.Group.Id, geometry);
        }
    }

    private static int Pick(IReadOnlyList<SyntheticGroup> groups, double draw)
    {
        for (int i = 0; i < groups.Count - 1; i++)
        {
            draw -= groups[i].Weight;
            if (draw < 0) return i;
        }
        return groups.Count - 1;
    }

    /// <summary>A shape in local metres: mostly blobs of 150 m to 9 km (log-normal around 1.5 km) with 100 to 600 vertices.</summary>
    private static Geometry Shape(Random random, long id)
    {
        if (id % PointEvery == PointAt) return BlobShapes.Spot();
        if (id % LineEvery == LineAt) return BlobShapes.Track(random, 2_000 + 20_000 * random.NextDouble());
        double radius = Math.Clamp(1_500 * Math.Exp(0.7 * random.Gaussian()), 150, 9_000);
        int vertices = random.Next(100, 600);
        double kind = random.NextDouble();
        return kind < 0.06 ? BlobShapes.Archipelago(random, radius, vertices)
            : kind < 0.10 ? BlobShapes.BlobWithHole(random, radius, vertices)
            : BlobShapes.Blob(random, radius, vertices);
    }

    private static long Bytes(string folder, string table) => new FileInfo(WorkloadFiles.PathIn(folder, table)).Length;

    /// <summary>Objects and bounding box per group (by index), for tbl_asset_group.</summary>
    private sealed class Tally(int groups)
    {
        public long[] Counts { get; } = new long[groups];

        public Envelope[] Envelopes { get; } = Enumerable.Range(0, groups).Select(_ => new Envelope()).ToArray();

        public void Add(int group, Envelope envelope)
        {
            Counts[group]++;
            Envelopes[group].ExpandToInclude(envelope);
        }
    }
}
