using System.Globalization;
using System.Text;
using System.Text.Json;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Workload;
using Mesa.TestSupport;
using NetTopologySuite.Geometries;

namespace Mesa.Cli.Tests.Workload;

/// <summary>
/// <c>mesa-cloud workload realdata</c> on small stand-ins for the four @geo-maps packages, laid out as npm installs
/// them: the region cut, each layer's shape, MESA's import rules, the grids, and its refusals.
/// </summary>
public sealed class RealDataCommandTests : IDisposable
{
    // The aegean region is lon 22.5..28.5, lat 35.5..40.5.
    private static readonly Envelope Aegean = new(22.5, 28.5, 35.5, 40.5);

    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-realdata-").FullName;

    public RealDataCommandTests()
    {
        // Land: one polygon crossing the region's western edge, a bow-tie inside it, and one far away.
        WritePackage("countries-land-10m", FeatureCollection(("""{"A3":"GRC"}""",
            $"[{Ring((21, 37), (24, 37), (24, 39), (21, 39))}, [[[25,37],[26,38],[26,37],[25,38],[25,37]]], {Ring((0, 0), (1, 0), (1, 1), (0, 1))}]")));
        WritePackage("countries-maritime-10m", FeatureCollection(("""{"A3":"TUR"}""", $"[{Ring((27, 36), (28, 36), (28, 37), (27, 37))}]")));
        // Seas are a GeometryCollection without properties, as earth-seas-10m ships: one sea larger than the region.
        WritePackage("earth-seas-10m", $$"""{"type":"GeometryCollection", "geometries": [{"type":"Polygon","coordinates":{{Ring((20, 34), (30, 34), (30, 42), (20, 42))}}}]}""");
        // A coastline ring of 1,000 edges inside the region: three line pieces of at most 400 vertices, a point every 500 vertices.
        WritePackage("countries-coastline-1m", FeatureCollection(("""{"A3":"GRC"}""", $"[{Circle(25.5, 38, 0.5, 1000)}]")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Sources => Path.Combine(_folder, "node_modules", "@geo-maps");

    [Fact]
    public void Realdata_cuts_each_layer_to_the_region_and_imports_it_as_MESA_does()
    {
        var project = Path.Combine(_folder, "project");

        var result = CliRunner.Run("workload", "realdata", Sources, "--region", "aegean", "--grid", "qdgc:1", "--grid", "qdgc:2", "--out", project);

        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(6, summary.RootElement.GetProperty("groups").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("repaired_objects").GetInt32());
        var workload = MesaWorkload.Load(project);
        var groups = workload.Tables.ReadAssetGroups();
        Assert.Equal(["land", "land_tiles", "seas", "maritime_zones", "coastline", "coast_sites"], groups.Select(g => g.NameOriginal));
        Assert.All(groups, g => Assert.Equal(g.Importance * g.Susceptibility, g.Sensitivity));
        var objects = workload.Tables.ReadAssetObjects().ToLookup(o => o.AssetGroupName);
        Assert.All(objects.SelectMany(o => o), o => Assert.True(o.Geometry.IsValid, $"object {o.Id} is invalid"));
        Assert.All(objects.SelectMany(o => o), o => Assert.True(Aegean.Covers(o.Geometry.EnvelopeInternal), $"object {o.Id} lies outside the region"));
        // The crossing polygon is clipped at 22.5 E; the bow-tie becomes its two triangles; the far polygon is gone.
        Assert.Equal(2, objects["land"].Count());
        Assert.Equal(1.5 * 2 + 0.5, objects["land"].Sum(o => o.Geometry.Area), 9);
        Assert.Equal("""{"A3":"GRC"}""", objects["land"].First().Attributes);
        // Half-degree tiles split the clipped land into pieces of at most a quarter square degree, none lost.
        Assert.Equal(3.5, objects["land_tiles"].Sum(o => o.Geometry.Area), 9);
        Assert.All(objects["land_tiles"], o => Assert.True(o.Geometry.EnvelopeInternal.Width <= 0.5 + 1e-12 && o.Geometry.EnvelopeInternal.Height <= 0.5 + 1e-12));
        Assert.Equal(Aegean.Area, Assert.Single(objects["seas"]).Geometry.Area, 9);
        Assert.Null(objects["seas"].Single().Attributes);
        Assert.Single(objects["maritime_zones"]);
        // Lines and points are buffered 30 m: thin polygons along the ring, small discs on it.
        Assert.Equal(3, objects["coastline"].Count());
        Assert.Equal(2, objects["coast_sites"].Count());
        Assert.All(objects["coast_sites"], o => Assert.InRange(o.Geometry.EnvelopeInternal.Width, 0.0004, 0.001));
        var cells = workload.Tables.ReadGeocodeObjects().SelectMany(batch => batch).ToList();
        Assert.Equal(["QDGC_L1", "QDGC_L2"], cells.Select(c => c.NameGisGeocodeGroup).Distinct());
        Assert.Equal([1L, 2L], cells.Select(c => c.RefGeocodeGroup).Distinct());

        CliAssert.Succeeded(CliRunner.Run("process", project, "--no-tiles"));
    }

    [Fact]
    public void Realdata_gives_the_same_tables_on_every_run()
    {
        string[] Build(string name)
        {
            var project = Path.Combine(_folder, name);
            CliAssert.Succeeded(CliRunner.Run("workload", "realdata", Sources, "--region", "aegean", "--grid", "hex:50000", "--out", project));
            return [.. WorkloadFiles.RequiredTables.Select(t => Convert.ToHexString(File.ReadAllBytes(WorkloadFiles.PathIn(project, t))))];
        }

        Assert.Equal(Build("first"), Build("second"));
    }

    [Fact]
    public void Realdata_refuses_an_unknown_region()
    {
        var result = CliRunner.Run("workload", "realdata", Sources, "--region", "atlantis", "--grid", "qdgc:1", "--out", Path.Combine(_folder, "p"));
        CliAssert.Refused(result, "mesa-cloud workload realdata: unknown region 'atlantis': use one of norway, aegean.");
    }

    [Fact]
    public void Realdata_names_the_package_that_is_not_installed()
    {
        File.Delete(Path.Combine(Sources, "earth-seas-10m", "map.geo.json"));

        var result = CliRunner.Run("workload", "realdata", Sources, "--region", "aegean", "--grid", "qdgc:1", "--out", Path.Combine(_folder, "p"));

        CliAssert.Refused(result, $"mesa-cloud workload realdata: {Path.Combine(Sources, "earth-seas-10m", "map.geo.json")}: not found; install the npm package @geo-maps/earth-seas-10m into the sources folder.");
    }

    private void WritePackage(string package, string mapJson)
    {
        var folder = Path.Combine(Sources, package);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "map.geo.json"), mapJson, Encoding.UTF8);
    }

    private static string FeatureCollection(params (string Properties, string MultiPolygonCoordinates)[] features) =>
        $$"""{"type":"FeatureCollection", "features": [{{string.Join(",\n", features.Select(f =>
            $$"""{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":{{f.MultiPolygonCoordinates}}},"properties":{{f.Properties}}}"""))}}]}""";

    private static string Ring(params (double X, double Y)[] corners) =>
        $"[[{string.Join(",", corners.Append(corners[0]).Select(Point))}]]";

    private static string Circle(double x, double y, double radius, int edges) =>
        $"[[{string.Join(",", Enumerable.Range(0, edges + 1).Select(i => Point((x + radius * Math.Cos(2 * Math.PI * (i % edges) / edges), y + radius * Math.Sin(2 * Math.PI * (i % edges) / edges)))))}]]";

    private static string Point((double X, double Y) p) => string.Create(CultureInfo.InvariantCulture, $"[{p.X:R},{p.Y:R}]");
}
