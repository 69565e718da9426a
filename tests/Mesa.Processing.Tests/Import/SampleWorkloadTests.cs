using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Import;

public sealed class SampleWorkloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mesa-sample-workload-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public void Imported_sample_passes_preflight_and_reads_back(string name)
    {
        var summary = SampleWorkload.Build(SampleData.Folder(name), CellGridSpec.Parse("hex:1000"), _dir);

        var workload = MesaWorkload.Load(_dir);
        workload.Preflight();
        var groups = workload.Tables.ReadAssetGroups();
        var objects = workload.Tables.ReadAssetObjects();
        var cells = workload.Tables.ReadGeocodeObjects().SelectMany(batch => batch).ToList();
        Assert.Equal(SampleData.ReadmeTable(name).Count, summary.Groups);
        Assert.Equal(summary.Groups, groups.Count);
        Assert.Equal(summary.Objects, objects.Count);
        Assert.Equal(summary.Cells, cells.Count);
        Assert.All(cells, c => Assert.Equal(("hex_1000m", 1L), (c.NameGisGeocodeGroup, c.RefGeocodeGroup)));
        Assert.Equal(cells.Count, cells.Select(c => c.Code).Distinct().Count());
        // Every asset lies inside the cell cover.
        var cover = cells.Aggregate(new NetTopologySuite.Geometries.Envelope(), (e, c) => { e.ExpandToInclude(c.Geometry.EnvelopeInternal); return e; });
        Assert.All(objects, o => Assert.True(cover.Contains(o.Geometry.EnvelopeInternal)));
    }

    [Fact]
    public void A_folder_without_settings_is_refused_by_name()
    {
        var sample = Path.Combine(_dir, "sample");
        Directory.CreateDirectory(sample);
        File.Copy(Path.Combine(SampleData.Folder("coastal_zone"), "coastal_zone.gpkg"), Path.Combine(sample, "coastal_zone.gpkg"));

        var error = Assert.Throws<ImportException>(() => SampleWorkload.Build(sample, CellGridSpec.Parse("qdgc:6"), Path.Combine(_dir, "out")));
        Assert.Contains(Path.Combine(sample, "settings.xlsx"), error.Message);
    }
}
