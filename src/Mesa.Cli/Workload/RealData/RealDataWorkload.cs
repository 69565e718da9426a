using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Workload;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Mesa.Cli.Workload.RealData;

/// <summary>What <see cref="RealDataWorkload.Build"/> wrote.</summary>
/// <param name="RepairedObjects">Objects cut from an invalid source polygon, made valid as MESA's import does.</param>
internal sealed record RealDataSummary(int Groups, int Objects, int RepairedObjects, long Vertices, IReadOnlyList<(string Group, long Cells)> Cells);

/// <summary>
/// A MESA project cut from real borders, seas and coastlines (<see cref="RealDataSource"/>) over one
/// <see cref="RealDataRegion"/>: the asset groups of <see cref="RealDataLayer.All"/> and one geocode group per grid,
/// all covering the region. Every shape is imported as MESA imports it (<see cref="AssetShape"/>): invalid polygons made
/// valid, points and lines buffered. The same sources, region and grids always give the same tables.
/// </summary>
internal static class RealDataWorkload
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <exception cref="FileNotFoundException">A source package is not installed in <paramref name="sourcesFolder"/>.</exception>
    public static RealDataSummary Build(string sourcesFolder, RealDataRegion region, IReadOnlyList<ICellGrid> grids, string projectFolder)
    {
        var cut = new RegionCut(region.Box, Factory);
        var sources = new Dictionary<RealDataSource, IReadOnlyList<IFeature>>();
        var groups = new List<AssetGroup>();
        var objects = new List<AssetObject>();
        var envelopes = new Dictionary<long, Envelope>();
        var repaired = 0;
        foreach (var layer in RealDataLayer.All)
        {
            if (!sources.TryGetValue(layer.Source, out var features))
                sources[layer.Source] = features = layer.Source.Read(sourcesFolder);
            var groupId = groups.Count + 1L;
            var envelope = new Envelope();
            var count = 0L;
            foreach (var (raw, attributes) in Shapes(layer, features, cut))
            {
                if (raw is Polygon && !raw.IsValid) repaired++;
                if (AssetShape.ToPolygonal(raw, out _) is not { } shape) continue;
                objects.Add(new AssetObject(objects.Count + 1L, layer.Name, attributes, true, groupId, shape));
                envelope.ExpandToInclude(shape.EnvelopeInternal);
                count++;
            }
            groups.Add(AssetImporter.Group(groupId, layer.Name, new AssetGroupSettings(layer.Name, layer.Importance, layer.Susceptibility, null), count));
            envelopes[groupId] = envelope;
        }

        var writer = new WorkloadWriter(projectFolder);
        writer.WriteConfig(DefaultConfig.Text);
        writer.WriteAssetGroups(groups, envelopes);
        writer.WriteAssetObjects(objects);
        var cells = new long[grids.Count];
        writer.WriteGeocodeObjects(grids.SelectMany((grid, i) =>
            grid.Cover(region.Box, grid.DefaultGroupName, refGeocodeGroup: i + 1).Select(cell => { cells[i]++; return cell; })));
        return new RealDataSummary(groups.Count, objects.Count, repaired, objects.Sum(o => (long)o.Geometry.NumPoints),
            [.. grids.Select((grid, i) => (grid.DefaultGroupName, cells[i]))]);
    }

    /// <summary>The layer's features as cut from the source, before import.</summary>
    private static IEnumerable<(Geometry Shape, string? Attributes)> Shapes(RealDataLayer layer, IReadOnlyList<IFeature> features, RegionCut cut)
    {
        var vertex = 0L;
        foreach (var feature in features)
        {
            var attributes = Attributes(feature);
            switch (layer.Shape)
            {
                case RealDataShape.Areas:
                    foreach (var polygon in cut.Areas(feature.Geometry)) yield return (polygon, attributes);
                    break;
                case RealDataShape.TiledAreas:
                    foreach (var polygon in cut.TiledAreas(feature.Geometry)) yield return (polygon, attributes);
                    break;
                case RealDataShape.Lines:
                    foreach (var line in cut.Lines(feature.Geometry))
                        yield return (line, attributes);
                    break;
                case RealDataShape.Points:
                    foreach (var line in cut.Lines(feature.Geometry))
                        // Pieces share their end vertex with the next piece's start; counting all but the last keeps each vertex once.
                        for (var i = 0; i < line.NumPoints - 1; i++, vertex++)
                            if (vertex % RegionCut.PointEveryVertices == 0)
                                yield return (Factory.CreatePoint(line.GetCoordinateN(i)), attributes);
                    break;
            }
        }
    }

    private static string? Attributes(IFeature feature) =>
        feature.Attributes is { Count: > 0 } table
            ? AttributeText.Of([.. table.GetNames().Select(name => new KeyValuePair<string, object?>(name, table[name]))])
            : null;
}
