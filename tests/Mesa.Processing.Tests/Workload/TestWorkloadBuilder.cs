using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Writing;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Workload;

/// <summary>
/// Writes small MESA project folders (config.ini + output/geoparquet/tbl_*.parquet) the way
/// MESA's pyarrow does, for tests of any stage. Geometry is given as WKT in EPSG:4326.
/// </summary>
/// <example><code>
/// var folder = new TestWorkloadBuilder()
///     .AddAssetGroup(1, "layer_001", importance: 5, susceptibility: 5)
///     .AddAssetObject(10, 1, "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
///     .AddGeocode("c1", "basic_mosaic", "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))")
///     .Build(directory);
/// </code></example>
public sealed class TestWorkloadBuilder
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly WKTReader Wkt = new(Factory.GeometryServices);

    private readonly List<AssetGroup> _groups = [];
    private readonly List<AssetObject> _objects = [];
    private readonly List<GeocodeObject> _geocodes = [];
    private readonly List<Setting> _settings = [];
    private readonly Dictionary<string, long> _geocodeGroupIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _omitted = [];
    private string? _config = DefaultConfig.Text;
    private IntegerStorage _integers = IntegerStorage.Int64;
    private int _rowGroupSize = 128 * 1024;

    /// <summary>
    /// Adds a group. Sensitivity defaults to importance x susceptibility and its code and
    /// description to the default band containing it ("" and null when there is none).
    /// </summary>
    public TestWorkloadBuilder AddAssetGroup(
        long id, string nameGisAssetGroup, int? importance, int? susceptibility,
        int? sensitivity = null, string? sensitivityCode = null, string? sensitivityDescription = null,
        string? nameOriginal = null, string? titleFromUser = null)
    {
        var value = sensitivity ?? (importance ?? 0) * (susceptibility ?? 0);
        var band = MesaConfig.Defaults.BandContaining(value);
        _groups.Add(new AssetGroup(
            id, nameOriginal ?? nameGisAssetGroup, nameGisAssetGroup, titleFromUser, TotalAssetObjects: null,
            importance, susceptibility, value, sensitivityCode ?? band?.Code ?? "", sensitivityDescription ?? band?.Description));
        return this;
    }

    /// <summary>Adds an asset object; its asset_group_name is the group's original name.</summary>
    public TestWorkloadBuilder AddAssetObject(long id, long refAssetGroup, string wkt, string? attributes = null, bool? process = true)
    {
        var groupName = _groups.FirstOrDefault(g => g.Id == refAssetGroup)?.NameOriginal;
        _objects.Add(new AssetObject(id, groupName, attributes, process, refAssetGroup, Wkt.Read(wkt)));
        return this;
    }

    /// <summary>Adds a cell; ref_geocodegroup is the 1-based order in which its group name first appeared unless given.</summary>
    public TestWorkloadBuilder AddGeocode(string code, string nameGisGeocodeGroup, string wkt, long? refGeocodeGroup = null)
    {
        if (!_geocodeGroupIds.TryGetValue(nameGisGeocodeGroup, out var groupId))
            _geocodeGroupIds[nameGisGeocodeGroup] = groupId = _geocodeGroupIds.Count + 1;
        _geocodes.Add(new GeocodeObject(code, refGeocodeGroup ?? groupId, nameGisGeocodeGroup, Wkt.Read(wkt)));
        return this;
    }

    /// <summary>Adds a tbl_settings row (the table is written only when there is one).</summary>
    public TestWorkloadBuilder AddSetting(string key, string value)
    {
        _settings.Add(new Setting(key, value));
        return this;
    }

    /// <summary>config.ini text; null writes no config.ini. Default: <see cref="DefaultConfig.Text"/>.</summary>
    public TestWorkloadBuilder WithConfig(string? text)
    {
        _config = text;
        return this;
    }

    public TestWorkloadBuilder WithIntegers(IntegerStorage storage)
    {
        _integers = storage;
        return this;
    }

    /// <summary>Rows per row group of every table (to exercise streaming).</summary>
    public TestWorkloadBuilder WithRowGroupSize(int rows)
    {
        _rowGroupSize = rows;
        return this;
    }

    /// <summary>Leaves a table out, e.g. <see cref="WorkloadFiles.GeocodeObject"/>.</summary>
    public TestWorkloadBuilder Without(string table)
    {
        _omitted.Add(table);
        return this;
    }

    /// <summary>Writes the workload into <paramref name="folder"/> (created if needed) and returns it.</summary>
    public string Build(string folder)
    {
        var writer = new WorkloadWriter(folder, new ParquetWriterOptions { MaxRowsPerRowGroup = _rowGroupSize }, _integers);
        if (_config is not null) writer.WriteConfig(_config);
        var counted = _groups.Select(g => g with { TotalAssetObjects = _objects.Count(o => o.RefAssetGroup == g.Id) });
        if (!_omitted.Contains(WorkloadFiles.AssetObject)) writer.WriteAssetObjects(_objects);
        if (!_omitted.Contains(WorkloadFiles.AssetGroup)) writer.WriteAssetGroups(counted, Envelopes());
        if (!_omitted.Contains(WorkloadFiles.GeocodeObject)) writer.WriteGeocodeObjects(_geocodes);
        if (_settings.Count > 0 && !_omitted.Contains(WorkloadFiles.Settings)) writer.WriteSettings(_settings);
        Directory.CreateDirectory(Path.Combine(folder, "output", "geoparquet"));
        return folder;
    }

    /// <summary>
    /// Writes any table into the workload: GeoParquet (with EPSG:4326 'geo' metadata) when it has a
    /// 'geometry' column and <paramref name="geoMetadata"/> is null, otherwise plain Parquet with
    /// <paramref name="geoMetadata"/> as its 'geo' entry ("" writes none). For tests of odd or broken tables.
    /// </summary>
    public static void WriteTable(string folder, string table, IReadOnlyList<Column> columns, string? geoMetadata = null, ParquetWriterOptions? options = null)
    {
        var path = WorkloadFiles.PathIn(folder, table);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var schema = new ParquetSchema(columns.Select(c => c.Descriptor));
        var batch = new RowBatch(schema, columns);
        if (geoMetadata is null && schema.TryIndexOf("geometry") >= 0)
        {
            using var geo = GeoParquetWriter.Create(path, schema, options: options);
            geo.WriteRowGroup(batch);
            return;
        }
        using var writer = ParquetWriter.Create(path, schema, options);
        if (!string.IsNullOrEmpty(geoMetadata)) writer.SetKeyValue(GeoMetadata.Key, geoMetadata);
        writer.WriteRowGroup(batch);
    }

    /// <summary>A WKB column of the given WKT values (null entries stay null).</summary>
    public static Column WkbColumn(string name, params string?[] wkt) =>
        GeoParquetWriter.ToWkbColumn(ColumnDescriptor.Binary(name), wkt.Select(w => w is null ? null : Wkt.Read(w)).ToList());

    // tbl_asset_group's geometry is the bounding box of its objects.
    private Dictionary<long, Envelope> Envelopes()
    {
        var result = new Dictionary<long, Envelope>();
        foreach (var o in _objects)
        {
            if (!result.TryGetValue(o.RefAssetGroup, out var envelope)) result[o.RefAssetGroup] = envelope = new Envelope();
            envelope.ExpandToInclude(o.Geometry.EnvelopeInternal);
        }
        return result;
    }
}
