using Mesa.GeoParquet.Writing;
using Mesa.Processing.Geodesy;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tables;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;

namespace Mesa.Processing.Prep;

/// <summary>
/// Stage "prep" (spec section 3): tbl_data_extent, one row named <c>data_extent</c> holding the
/// union of all asset geometries and its geodesic area in km^2.
/// </summary>
/// <remarks>
/// The union is built in spatially coherent batches so cancellation is checked between batches
/// and the cores share the work; the batches' unions are then merged pairwise.
/// Only areas take part: points and raw lines add no area to the extent, and a polygonal union
/// keeps the geometry column a (Multi)Polygon.
/// </remarks>
public static class DataExtentStage
{
    public const string Name = "prep";

    private const int BatchSize = 256;

    private static readonly TableColumn<(Geometry Union, double AreaKm2)>[] Columns =
    [
        TableColumn<(Geometry Union, double AreaKm2)>.Text("name", _ => "data_extent"),
        TableColumn<(Geometry Union, double AreaKm2)>.Double("area_km2", r => r.AreaKm2),
        TableColumn<(Geometry Union, double AreaKm2)>.Geometry("geometry", r => r.Union),
    ];

    /// <summary>Unions <paramref name="geometries"/>, writes the table and returns the extent's area in km^2.</summary>
    public static double Run(IReadOnlyList<Geometry> geometries, string outputFolder, int threads, IProgress<StageProgress>? progress, CancellationToken cancellation, ParquetWriterOptions? options = null)
    {
        var union = Union(geometries, threads, progress, cancellation);
        var areaKm2 = GeodesicArea.AreaKm2(union);
        TableWriter<(Geometry, double)>.WriteAll(OutputFiles.PathIn(outputFolder, OutputFiles.DataExtent), Columns, [(union, areaKm2)], options);
        return areaKm2;
    }

    /// <summary>The polygonal union of the geometries' areas (invalid polygons repaired first); an empty MultiPolygon when there is none.</summary>
    public static Geometry Union(IReadOnlyList<Geometry> geometries, int threads, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var polygons = new List<Geometry>();
        foreach (var g in geometries)
        {
            if (g.IsEmpty || g.Dimension != Dimension.Surface && g is not GeometryCollection) continue;
            polygons.AddRange(PolygonExtracter.GetPolygons(g).Cast<Geometry>());
        }
        // Sorting by latitude band, then longitude, keeps each batch spatially compact.
        polygons.Sort((a, b) => SortKey(a).CompareTo(SortKey(b)));
        var batches = polygons.Chunk(BatchSize).ToArray();
        var partial = new Geometry[batches.Length];
        var done = 0;
        var gate = new Lock();
        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, i =>
        {
            // Invalid polygons (self-intersections) are repaired first; checking is itself costly, so it runs here, in parallel.
            var batch = batches[i].SelectMany(p => p.IsValid ? [p] : PolygonExtracter.GetPolygons(GeometryFixer.Fix(p)).Cast<Geometry>()).ToList();
            partial[i] = CascadedPolygonUnion.Union(batch) ?? factory.CreateMultiPolygon();
            // One report at a time, so observers see the fraction grow.
            lock (gate)
            {
                done++;
                progress?.Report(new StageProgress(Name, 0.9 * done / batches.Length, $"union of {polygons.Count:N0} asset polygons: batch {done} of {batches.Length}"));
            }
        });
        // Neighbouring batches are merged pairwise, round by round, so the cores share the merging too.
        while (partial.Length > 1)
        {
            cancellation.ThrowIfCancellationRequested();
            var merged = new Geometry[(partial.Length + 1) / 2];
            var previous = partial;
            Parallel.For(0, merged.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, i =>
                merged[i] = 2 * i + 1 < previous.Length ? previous[2 * i].Union(previous[2 * i + 1]) : previous[2 * i]);
            partial = merged;
        }
        var union = partial.Length == 0 ? factory.CreateMultiPolygon() : partial[0];
        return union is Polygon or MultiPolygon ? union : factory.BuildGeometry(PolygonExtracter.GetPolygons(union));
    }

    private static (long, double) SortKey(Geometry g)
    {
        var centre = g.EnvelopeInternal.Centre;
        return ((long)Math.Floor(centre.Y * 10), centre.X);
    }
}
