using Mesa.Processing.Synthetic;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Mesa.Processing.Tests.Synthetic;

public sealed class SyntheticWorkloadTests : IDisposable
{
    private static readonly SyntheticOptions Tiny = new(TargetBytes: 1_000_000, Seed: 7, Cells: 2000);

    private readonly string _root = Directory.CreateTempSubdirectory("mesa-synth-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        var first = Generate("a", Tiny);
        var second = Generate("b", Tiny);
        var other = Generate("c", Tiny with { Seed = 8 });
        foreach (var file in new[] { WorkloadFiles.Config, WorkloadFiles.AssetObject, WorkloadFiles.AssetGroup, WorkloadFiles.GeocodeObject })
        {
            Assert.Equal(File.ReadAllBytes(WorkloadFiles.PathIn(first.Folder, file)), File.ReadAllBytes(WorkloadFiles.PathIn(second.Folder, file)));
        }
        Assert.NotEqual(File.ReadAllBytes(WorkloadFiles.PathIn(first.Folder, WorkloadFiles.AssetObject)), File.ReadAllBytes(WorkloadFiles.PathIn(other.Folder, WorkloadFiles.AssetObject)));
        Assert.Equal(first.Summary, second.Summary with { TableBytes = first.Summary.TableBytes });
        Assert.Equal(first.Summary.TableBytes, second.Summary.TableBytes);
    }

    [Fact]
    public void The_workload_passes_preflight_with_assessed_and_unassessed_groups()
    {
        var (folder, summary) = Generate("w", Tiny);
        var workload = MesaWorkload.Load(folder);
        workload.Preflight();
        var groups = workload.Tables.ReadAssetGroups();
        Assert.InRange(groups.Count, 8, 12);
        Assert.Equal(summary.Groups, groups.Count);
        Assert.Equal(groups.Select((_, i) => $"layer_{i + 1:000}"), groups.Select(g => g.NameGisAssetGroup));
        Assert.Contains(groups, g => g is { Importance: 0, Susceptibility: 0, Sensitivity: 0, SensitivityCode: "", SensitivityDescription: null });
        Assert.True(groups.Count(g => g.IsAssessed) > groups.Count / 2);
        foreach (var group in groups.Where(g => g.IsAssessed))
        {
            Assert.Equal(group.Importance * group.Susceptibility, group.Sensitivity);
            var band = MesaConfig.Defaults.BandContaining(group.Sensitivity!.Value)!;
            Assert.Equal((band.Code, band.Description), (group.SensitivityCode, group.SensitivityDescription));
        }
        var objects = workload.Tables.ReadAssetObjects();
        Assert.Equal(summary.Objects, objects.Count);
        Assert.All(groups, g => Assert.Equal(objects.Count(o => o.RefAssetGroup == g.Id), g.TotalAssetObjects));
    }

    [Fact]
    public void Assets_are_valid_varied_organic_shapes_and_the_size_is_near_the_target()
    {
        var (folder, summary) = Generate("s", Tiny);
        var objects = MesaWorkload.Load(folder).Tables.ReadAssetObjects();
        Assert.All(objects, o => Assert.True(o.Geometry.IsValid, $"object {o.Id} is invalid"));
        Assert.Contains(objects, o => o.Geometry is Point);
        Assert.Contains(objects, o => o.Geometry is LineString);
        Assert.Contains(objects, o => o.Geometry is MultiPolygon);
        Assert.Contains(objects, o => o.Geometry is Polygon { NumInteriorRings: > 0 });
        var polygons = objects.Where(o => o.Geometry is Polygon).ToList();
        Assert.True(polygons.Count > objects.Count * 3 / 4);
        Assert.True(polygons.Average(o => o.Geometry.NumPoints) > 100);
        // Hotspots make polygons of different groups overlap.
        Assert.Contains(polygons, a => polygons.Any(b => b.RefAssetGroup != a.RefAssetGroup && a.Geometry.Intersects(b.Geometry)));
        Assert.InRange(summary.TotalBytes, 700_000, 1_400_000);
    }

    [Fact]
    public void The_hexagon_cells_cover_every_asset()
    {
        var (folder, summary) = Generate("c", Tiny);
        var tables = MesaWorkload.Load(folder).Tables;
        var cells = tables.ReadGeocodeObjects().SelectMany(batch => batch).ToList();
        Assert.Equal(summary.Cells, cells.Count);
        Assert.InRange(cells.Count, 1500, 3000);
        Assert.All(cells, c => Assert.Equal((summary.GeocodeGroup, 1L), (c.NameGisGeocodeGroup, c.RefGeocodeGroup)));
        Assert.Equal(cells.Count, cells.Select(c => c.Code).Distinct().Count());
        var index = new STRtree<Geometry>();
        foreach (var cell in cells) index.Insert(cell.Geometry.EnvelopeInternal, cell.Geometry);
        foreach (var asset in tables.ReadAssetObjects())
        {
            foreach (var vertex in asset.Geometry.Coordinates)
            {
                var point = new Point(vertex);
                Assert.Contains(index.Query(point.EnvelopeInternal), cell => cell.Covers(point));
            }
        }
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticWorkload.Generate(_root, Tiny with { TargetBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticWorkload.Generate(_root, Tiny with { Cells = 0 }));
    }

    private (string Folder, SyntheticSummary Summary) Generate(string name, SyntheticOptions options)
    {
        var folder = Path.Combine(_root, name);
        return (folder, SyntheticWorkload.Generate(folder, options));
    }
}
