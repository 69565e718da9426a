using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.PostGis.Tests;

/// <summary>
/// Writes a small MESA project folder with <see cref="WorkloadWriter"/> in a temporary directory
/// that is deleted on dispose. Geometry is WKT in EPSG:4326; groups carry their stored
/// sensitivity, code and description as given (spec section 2: copied, never computed).
/// </summary>
internal sealed class TestWorkload : IDisposable
{
    private static readonly WKTReader Wkt = new(new GeometryFactory(new PrecisionModel(), 4326).GeometryServices);

    private readonly List<AssetGroup> _groups = [];
    private readonly List<AssetObject> _objects = [];
    private readonly List<GeocodeObject> _cells = [];
    private string _config = DefaultConfig.Text;

    public TestWorkload() => Folder = Directory.CreateTempSubdirectory("mesa-postgis-").FullName;

    public string Folder { get; }

    /// <summary>config.ini text; default <see cref="DefaultConfig.Text"/>.</summary>
    public TestWorkload Config(string text)
    {
        _config = text;
        return this;
    }

    public TestWorkload Group(long id, string name, int importance, int susceptibility, int sensitivity, string code, string? description)
    {
        _groups.Add(new AssetGroup(id, name, name, null, null, importance, susceptibility, sensitivity, code, description));
        return this;
    }

    public TestWorkload Asset(long id, long group, string wkt)
    {
        _objects.Add(new AssetObject(id, _groups.Find(g => g.Id == group)?.NameOriginal, null, true, group, Wkt.Read(wkt)));
        return this;
    }

    public TestWorkload Cell(string code, string wkt, string layer = "basic_mosaic", long refGeocodeGroup = 1)
    {
        _cells.Add(new GeocodeObject(code, refGeocodeGroup, layer, Wkt.Read(wkt)));
        return this;
    }

    /// <summary>A square cell or asset of side <paramref name="size"/> degrees with its south-west corner at (x, y).</summary>
    public static string Square(double x, double y, double size) => Box(x, y, x + size, y + size);

    public static string Box(double minX, double minY, double maxX, double maxY) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"POLYGON (({minX} {minY}, {maxX} {minY}, {maxX} {maxY}, {minX} {maxY}, {minX} {minY}))");

    public string Build()
    {
        var writer = new WorkloadWriter(Folder);
        writer.WriteConfig(_config);
        writer.WriteAssetGroups(_groups.Select(g => g with { TotalAssetObjects = _objects.Count(o => o.RefAssetGroup == g.Id) }), new Dictionary<long, Envelope>());
        writer.WriteAssetObjects(_objects);
        writer.WriteGeocodeObjects(_cells);
        return Folder;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
