using Mesa.GeoParquet.Writing;
using Mesa.Processing.Geodesy;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tables;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mesa.Processing.Prep;

/// <summary>
/// Stage "prep" (spec section 3): tbl_data_extent, one row named <c>data_extent</c> holding the
/// union of all asset geometries and its geodesic area in km^2.
/// </summary>
/// <remarks>
/// Only areas take part: points and raw lines add no area to the extent, and a polygonal union
/// keeps the geometry column a (Multi)Polygon.
/// </remarks>
public static class DataExtentStage
{
    public const string Name = "prep";

    private const int BatchSize = 256;

    /// <summary>Polygons whose envelope spans at least this share of the extent's are united first.</summary>
    private const double LargeShare = 0.01;

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
    /// <remarks>
    /// Real layers often hold a few polygons that span the whole extent (seas, land, maritime zones) beside thousands of
    /// small ones along the same coasts. Those large polygons are united first; every other polygon lying wholly in
    /// their interior adds nothing and is dropped with a cheap prepared test, so the costly overlays only see what is
    /// left. Polygons that merely touch the boundary stay: their vertices on it are vertices of the union, and the
    /// geodesic area depends on them (a long edge is a geodesic, not a parallel).
    /// Validity is checked (and a polygon repaired) only where it can matter: for the large polygons, and for the others
    /// whose envelope does not lie inside the large ones. The extent and the share are measured on the polygons as given.
    /// Overlays are OverlayNG's robust ones, which fall back to snapping instead of failing on near-coincident edges.
    /// </remarks>
    public static Geometry Union(IReadOnlyList<Geometry> geometries, int threads, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        var polygons = AssetPolygons(geometries);
        if (polygons.Count == 0) return factory.CreateMultiPolygon();

        var extent = new Envelope();
        foreach (var polygon in polygons) extent.ExpandToInclude(polygon.EnvelopeInternal);
        var largeArea = extent.Area * LargeShare;
        // A repair stays within the polygon's envelope, so only a polygon whose envelope reaches the share has large parts.
        var repaired = new Geometry[]?[polygons.Count];
        Parallel.For(0, polygons.Count, parallel, i =>
        {
            if (polygons[i].EnvelopeInternal.Area >= largeArea) repaired[i] = Repaired(polygons[i]);
        });
        var large = repaired.Where(parts => parts is not null).SelectMany(parts => parts!).Where(p => p.EnvelopeInternal.Area >= largeArea).ToList();
        Geometry? largeUnion = null;
        IPreparedGeometry? covering = null;
        if (large.Count > 0)
        {
            largeUnion = OverlayNGRobust.Union(large, factory);
            covering = PreparedGeometryFactory.Prepare(largeUnion);
        }
        // Checking validity costs more than the prepared test, so a polygon whose whole envelope lies in the large
        // polygons' interior is dropped unchecked: neither it nor its repair can reach outside. The others are
        // repaired, and their parts that lie in that interior dropped.
        var restParts = new Geometry[polygons.Count][];
        Parallel.For(0, polygons.Count, parallel, i =>
        {
            if (repaired[i] is null && covering is not null && covering.ContainsProperly(factory.ToGeometry(polygons[i].EnvelopeInternal)))
            {
                restParts[i] = [];
                return;
            }
            restParts[i] = [.. (repaired[i] ?? Repaired(polygons[i])).Where(p => p.EnvelopeInternal.Area < largeArea && covering?.ContainsProperly(p) != true)];
        });
        var rest = restParts.SelectMany(parts => parts).ToList();
        progress?.Report(new StageProgress(Name, 0.2, $"union of {polygons.Count:N0} asset polygons: {rest.Count:N0} not inside the {large.Count:N0} largest"));

        var union = UnionInBatches(rest, parallel, progress);
        if (largeUnion is not null) union = union is null ? largeUnion : OverlayNGRobust.Overlay(largeUnion, union, SpatialFunction.Union);
        union ??= factory.CreateMultiPolygon();
        return union is Polygon or MultiPolygon ? union : factory.BuildGeometry(PolygonExtracter.GetPolygons(union));
    }

    // The polygons of the asset geometries' areas, as they are.
    private static List<Geometry> AssetPolygons(IReadOnlyList<Geometry> geometries)
    {
        var polygons = new List<Geometry>();
        foreach (var g in geometries)
        {
            if (g.IsEmpty || g.Dimension != Dimension.Surface && g is not GeometryCollection) continue;
            polygons.AddRange(PolygonExtracter.GetPolygons(g).Cast<Geometry>());
        }
        return polygons;
    }

    // The polygon itself when valid, else the polygons of its repair.
    private static Geometry[] Repaired(Geometry polygon) =>
        polygon.IsValid ? [polygon] : [.. PolygonExtracter.GetPolygons(GeometryFixer.Fix(polygon)).Cast<Geometry>()];

    // Spatially compact batches are united in parallel, then merged pairwise, round by round, so the cores share the merging too.
    private static Geometry? UnionInBatches(List<Geometry> polygons, ParallelOptions parallel, IProgress<StageProgress>? progress)
    {
        if (polygons.Count == 0) return null;
        // Sorting by latitude band, then longitude, keeps each batch spatially compact.
        polygons.Sort((a, b) => SortKey(a).CompareTo(SortKey(b)));
        var batches = polygons.Chunk(BatchSize).ToArray();
        var partial = new Geometry[batches.Length];
        var done = 0;
        var gate = new Lock();
        Parallel.For(0, batches.Length, parallel, i =>
        {
            partial[i] = OverlayNGRobust.Union(batches[i]);
            // One report at a time, so observers see the fraction grow.
            lock (gate)
            {
                done++;
                progress?.Report(new StageProgress(Name, 0.2 + 0.7 * done / batches.Length, $"union of {polygons.Count:N0} asset polygons: batch {done} of {batches.Length}"));
            }
        });
        while (partial.Length > 1)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            var merged = new Geometry[(partial.Length + 1) / 2];
            var previous = partial;
            Parallel.For(0, merged.Length, parallel, i =>
                merged[i] = 2 * i + 1 < previous.Length ? OverlayNGRobust.Overlay(previous[2 * i], previous[2 * i + 1], SpatialFunction.Union) : previous[2 * i]);
            partial = merged;
        }
        return partial[0];
    }

    private static (long, double) SortKey(Geometry g)
    {
        var centre = g.EnvelopeInternal.Centre;
        return ((long)Math.Floor(centre.Y * 10), centre.X);
    }
}
