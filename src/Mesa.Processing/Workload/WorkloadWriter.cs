using Mesa.GeoParquet.Writing;
using Mesa.Processing.Tables;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Workload;

/// <summary>
/// Writes the input tables of a MESA project folder (output/geoparquet/tbl_*.parquet) the way
/// MESA's pyarrow does: GeoParquet with EPSG:4326 WKB geometry. Used by the workload importers and
/// generators and by tests. Rows are streamed: only one row group is held at a time.
/// </summary>
public sealed class WorkloadWriter(string folder, ParquetWriterOptions? options = null, IntegerStorage integers = IntegerStorage.Int64)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public string Folder { get; } = folder;

    public void WriteConfig(string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(WorkloadFiles.PathIn(Folder, WorkloadFiles.Config), text);
    }

    public long WriteAssetObjects(IEnumerable<AssetObject> objects) => Write(WorkloadFiles.AssetObject, objects,
    [
        Integer<AssetObject>("id", o => o.Id),
        TableColumn<AssetObject>.Text("asset_group_name", o => o.AssetGroupName),
        TableColumn<AssetObject>.Text("attributes", o => o.Attributes),
        TableColumn<AssetObject>.Boolean("process", o => o.Process),
        Integer<AssetObject>("ref_asset_group", o => o.RefAssetGroup),
        TableColumn<AssetObject>.Geometry("geometry", o => o.Geometry),
    ]);

    /// <summary>
    /// Writes tbl_asset_group. Its geometry is the bounding box of the group's objects
    /// (<paramref name="envelopes"/>, keyed by group id; none gives a null geometry).
    /// </summary>
    public long WriteAssetGroups(IEnumerable<AssetGroup> groups, IReadOnlyDictionary<long, Envelope> envelopes) => Write(WorkloadFiles.AssetGroup, groups,
    [
        Integer<AssetGroup>("id", g => g.Id),
        TableColumn<AssetGroup>.Text("name_original", g => g.NameOriginal),
        TableColumn<AssetGroup>.Text("name_gis_assetgroup", g => g.NameGisAssetGroup),
        TableColumn<AssetGroup>.Text("title_fromuser", g => g.TitleFromUser),
        Integer<AssetGroup>("total_asset_objects", g => g.TotalAssetObjects),
        Integer<AssetGroup>("importance", g => g.Importance),
        Integer<AssetGroup>("susceptibility", g => g.Susceptibility),
        Integer<AssetGroup>("sensitivity", g => g.Sensitivity),
        TableColumn<AssetGroup>.Text("sensitivity_code", g => g.SensitivityCode),
        TableColumn<AssetGroup>.Text("sensitivity_description", g => g.SensitivityDescription),
        TableColumn<AssetGroup>.Geometry("geometry", g => envelopes.TryGetValue(g.Id, out var e) && !e.IsNull ? Factory.ToGeometry(e) : null),
    ]);

    public long WriteGeocodeObjects(IEnumerable<GeocodeObject> cells) => Write(WorkloadFiles.GeocodeObject, cells,
    [
        TableColumn<GeocodeObject>.Text("code", c => c.Code),
        Integer<GeocodeObject>("ref_geocodegroup", c => c.RefGeocodeGroup),
        TableColumn<GeocodeObject>.Text("name_gis_geocodegroup", c => c.NameGisGeocodeGroup),
        TableColumn<GeocodeObject>.Geometry("geometry", c => c.Geometry),
    ]);

    public long WriteSettings(IEnumerable<Setting> settings) => Write(WorkloadFiles.Settings, settings,
    [
        TableColumn<Setting>.Text("key", s => s.Key),
        TableColumn<Setting>.Text("value", s => s.Value),
    ]);

    private long Write<TRow>(string table, IEnumerable<TRow> rows, TableColumn<TRow>[] columns) =>
        TableWriter<TRow>.WriteAll(WorkloadFiles.PathIn(Folder, table), columns, rows, options);

    private TableColumn<TRow> Integer<TRow>(string name, Func<TRow, long?> value) => integers switch
    {
        IntegerStorage.Int32 => TableColumn<TRow>.Int32(name, r => value(r) is { } v ? checked((int)v) : null),
        // pandas stores a missing nullable int as NaN in a float64 column.
        IntegerStorage.Double => TableColumn<TRow>.Double(name, r => value(r) is { } v ? v : double.NaN),
        _ => TableColumn<TRow>.Int64(name, value),
    };
}
