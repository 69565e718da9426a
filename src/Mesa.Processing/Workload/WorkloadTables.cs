using Mesa.GeoParquet.Columns;

namespace Mesa.Processing.Workload;

/// <summary>
/// Reads the input tables of a MESA project folder (output/geoparquet/tbl_*.parquet) into typed
/// rows, one row group at a time. Column types are accepted as pyarrow and pandas write them
/// (see <see cref="ColumnKind"/>); every problem is a <see cref="WorkloadException"/> naming the
/// file and column.
/// </summary>
public sealed class WorkloadTables
{
    /// <summary>Most geocode objects <see cref="ReadGeocodeObjects"/> hands out at once.</summary>
    public const int GeocodeSliceRows = 1024;

    private WorkloadTables(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Whether the optional tbl_settings table is present.</summary>
    public bool HasSettings => File.Exists(WorkloadFiles.PathIn(Folder, WorkloadFiles.Settings));

    /// <exception cref="WorkloadException">A required table is missing.</exception>
    public static WorkloadTables Open(string folder)
    {
        var missing = WorkloadFiles.RequiredTables.Where(t => !File.Exists(WorkloadFiles.PathIn(folder, t))).ToList();
        if (missing.Count > 0)
            throw new WorkloadException($"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing: the workload must contain {string.Join(", ", WorkloadFiles.RequiredTables)}.");
        return new WorkloadTables(folder);
    }

    /// <summary>Checks that every table is readable Parquet with the needed columns, types and CRS, without reading rows.</summary>
    /// <exception cref="WorkloadException">The first problem found.</exception>
    public void Validate()
    {
        using (var file = TableFile.Open(Folder, WorkloadFiles.AssetObject)) BindAssetObjects(file);
        using (var file = TableFile.Open(Folder, WorkloadFiles.AssetGroup)) BindAssetGroups(file);
        using (var file = TableFile.Open(Folder, WorkloadFiles.GeocodeObject)) BindGeocodeObjects(file);
        if (!HasSettings) return;
        using (var file = TableFile.Open(Folder, WorkloadFiles.Settings)) BindSettings(file);
    }

    public IReadOnlyList<AssetObject> ReadAssetObjects()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.AssetObject);
        var (columns, geometryColumn) = BindAssetObjects(file);
        var result = new List<AssetObject>((int)Math.Min(file.RowCount, int.MaxValue));
        foreach (var (batch, first) in file.ReadRowGroups(columns))
        {
            var id = batch["id"];
            var groupName = batch["asset_group_name"];
            var attributes = batch["attributes"];
            var process = Optional(batch, "process");
            var group = batch["ref_asset_group"];
            var geometries = file.Geometries(batch[geometryColumn], first);
            for (var row = 0; row < batch.RowCount; row++)
            {
                result.Add(new AssetObject(
                    file.RequiredInteger(id, row, first),
                    file.Text(groupName, row, first),
                    file.Text(attributes, row, first),
                    TableFile.Boolean(process, row),
                    file.RequiredInteger(group, row, first),
                    geometries[row]));
            }
        }
        return result;
    }

    public IReadOnlyList<AssetGroup> ReadAssetGroups()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.AssetGroup);
        var columns = BindAssetGroups(file);
        var result = new List<AssetGroup>();
        foreach (var (batch, first) in file.ReadRowGroups(columns))
        {
            var id = batch["id"];
            var nameOriginal = Optional(batch, "name_original");
            var nameGis = batch["name_gis_assetgroup"];
            var title = Optional(batch, "title_fromuser");
            var total = batch["total_asset_objects"];
            var importance = batch["importance"];
            var susceptibility = batch["susceptibility"];
            var sensitivity = batch["sensitivity"];
            var code = batch["sensitivity_code"];
            var description = batch["sensitivity_description"];
            for (var row = 0; row < batch.RowCount; row++)
            {
                result.Add(new AssetGroup(
                    file.RequiredInteger(id, row, first),
                    file.Text(nameOriginal, row, first),
                    file.RequiredText(nameGis, row, first),
                    file.Text(title, row, first),
                    file.Integer(total, row, first),
                    file.Int32(importance, row, first),
                    file.Int32(susceptibility, row, first),
                    file.Int32(sensitivity, row, first),
                    file.Text(code, row, first),
                    file.Text(description, row, first)));
            }
        }
        return result;
    }

    /// <summary>
    /// Geocode objects in slices of at most <see cref="GeocodeSliceRows"/> rows, one row group read at a time (there
    /// can be millions); the file is opened when the enumeration starts and closed when it ends.
    /// </summary>
    /// <remarks>
    /// A slice's geometries are decoded only when it is reached, so a row group's cells do not all live at once: a
    /// consumer that lets cells go after use keeps few of them alive through a garbage collection.
    /// </remarks>
    public IEnumerable<IReadOnlyList<GeocodeObject>> ReadGeocodeObjects()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.GeocodeObject);
        var (columns, geometryColumn) = BindGeocodeObjects(file);
        string? previousGroupName = null;
        foreach (var (batch, first) in file.ReadRowGroups(columns))
        {
            var code = batch["code"];
            var group = batch["ref_geocodegroup"];
            var groupName = batch["name_gis_geocodegroup"];
            var geometry = batch[geometryColumn];
            for (var start = 0; start < batch.RowCount; start += GeocodeSliceRows)
            {
                var slice = new GeocodeObject[Math.Min(GeocodeSliceRows, batch.RowCount - start)];
                for (var i = 0; i < slice.Length; i++)
                {
                    var row = start + i;
                    // A layer's cells are consecutive and share its name: one string per run, not per row, since the
                    // flatten and segment stages keep a name for every overlapped cell.
                    var name = file.RequiredText(groupName, row, first, previousGroupName);
                    previousGroupName = name;
                    slice[i] = file.GeocodeObject(file.RequiredText(code, row, first), file.RequiredInteger(group, row, first), name, geometry, row, first);
                }
                yield return slice;
            }
        }
    }

    /// <summary>The distinct name_gis_geocodegroup values of tbl_geocode_object, sorted ordinally (one column is read).</summary>
    public IReadOnlyList<string> ReadGeocodeLayerNames()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.GeocodeObject);
        var column = BindGeocodeObjects(file).Columns[2];
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var (batch, first) in file.ReadRowGroups([column]))
        {
            // A layer's cells are consecutive: a name equal to the previous row's is compared, not decoded.
            for (var row = 0; row < batch.RowCount; row++) names.Add(previous = file.RequiredText(batch[0], row, first, previous));
        }
        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The geometry column of tbl_geocode_object as stored (WKB, null rows null), one row group at a
    /// time: for passes that need only some cells' geometry and need not decode the rest.
    /// </summary>
    public IEnumerable<BinaryColumn> ReadGeocodeWkb()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.GeocodeObject);
        var (_, geometryColumn) = BindGeocodeObjects(file);
        foreach (var (batch, _) in file.ReadRowGroups([geometryColumn])) yield return (BinaryColumn)batch[0];
    }

    /// <summary>Number of geocode objects, from the file footer (no rows are read).</summary>
    public long CountGeocodeObjects()
    {
        using var file = TableFile.Open(Folder, WorkloadFiles.GeocodeObject);
        return file.RowCount;
    }

    /// <summary>tbl_settings rows in file order (later rows win when applied); empty without the table. Rows with a null key or value are skipped.</summary>
    public IReadOnlyList<Setting> ReadSettings()
    {
        if (!HasSettings) return [];
        using var file = TableFile.Open(Folder, WorkloadFiles.Settings);
        var result = new List<Setting>();
        foreach (var (batch, first) in file.ReadRowGroups(BindSettings(file)))
        {
            var key = batch["key"];
            var value = batch["value"];
            for (var row = 0; row < batch.RowCount; row++)
            {
                if (file.Text(key, row, first) is { } k && file.Text(value, row, first) is { } v) result.Add(new Setting(k, v));
            }
        }
        return result;
    }

    private static (string[] Columns, string Geometry) BindAssetObjects(TableFile file)
    {
        var required = Require(file, ("id", ColumnKind.Integer), ("asset_group_name", ColumnKind.Text), ("attributes", ColumnKind.Text), ("ref_asset_group", ColumnKind.Integer));
        var geometry = file.RequireGeometryColumn();
        return ([.. required, geometry, .. Present(file, ("process", ColumnKind.Boolean))], geometry);
    }

    private static string[] BindAssetGroups(TableFile file) =>
    [
        .. Require(file,
            ("id", ColumnKind.Integer), ("name_gis_assetgroup", ColumnKind.Text), ("total_asset_objects", ColumnKind.Integer),
            ("importance", ColumnKind.Integer), ("susceptibility", ColumnKind.Integer), ("sensitivity", ColumnKind.Integer),
            ("sensitivity_code", ColumnKind.Text), ("sensitivity_description", ColumnKind.Text)),
        .. Present(file, ("name_original", ColumnKind.Text), ("title_fromuser", ColumnKind.Text)),
    ];

    private static (string[] Columns, string Geometry) BindGeocodeObjects(TableFile file)
    {
        var required = Require(file, ("code", ColumnKind.Text), ("ref_geocodegroup", ColumnKind.Integer), ("name_gis_geocodegroup", ColumnKind.Text));
        var geometry = file.RequireGeometryColumn();
        return ([.. required, geometry], geometry);
    }

    private static string[] BindSettings(TableFile file) => Require(file, ("key", ColumnKind.Text), ("value", ColumnKind.Text));

    private static string[] Require(TableFile file, params (string Name, ColumnKind Kind)[] columns)
    {
        foreach (var (name, kind) in columns) file.Require(name, kind);
        return columns.Select(c => c.Name).ToArray();
    }

    private static IEnumerable<string> Present(TableFile file, params (string Name, ColumnKind Kind)[] columns) =>
        columns.Where(c => file.HasColumn(c.Name, c.Kind)).Select(c => c.Name);

    private static Column? Optional(RowBatch batch, string name) =>
        batch.Schema.TryIndexOf(name) is var index and >= 0 ? batch[index] : null;
}
