using Microsoft.Data.Sqlite;

namespace Mesa.Processing.Import;

/// <summary>
/// Reads the feature layers of a GeoPackage file (read-only). Every failure, from a missing file to a
/// corrupt page or a malformed geometry blob, surfaces as an <see cref="ImportException"/> naming the file
/// and, where it happened inside one, the layer.
/// </summary>
public sealed class GeoPackageReader : IDisposable
{
    // The gpkg_geometry_columns values of the layer query that must not be NULL, by ordinal.
    private static readonly (int Ordinal, string Column)[] RequiredLayerValues = [(1, "column_name"), (2, "geometry_type_name"), (3, "srs_id")];

    private readonly SqliteConnection _connection;

    private GeoPackageReader(string path, SqliteConnection connection, IReadOnlyList<GeoPackageLayer> layers)
    {
        Path = path;
        _connection = connection;
        Layers = layers;
    }

    public string Path { get; }

    /// <summary>The feature layers in gpkg_contents order (the order GDAL, and so MESA, lists them).</summary>
    public IReadOnlyList<GeoPackageLayer> Layers { get; }

    /// <exception cref="ImportException">The file is missing, not SQLite, or lacks the GeoPackage metadata tables.</exception>
    public static GeoPackageReader Open(string path)
    {
        if (!File.Exists(path))
            throw new ImportException($"{path}: GeoPackage file not found.");
        // No pooling: the file handle must close with the reader so callers can move or delete the file.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return new GeoPackageReader(path, connection, ReadLayers(path, connection));
        }
        catch (Exception e) when (e is SqliteException or InvalidCastException or FormatException or OverflowException)
        {
            connection.Dispose();
            throw new ImportException($"{path}: not a readable GeoPackage: {e.Message}", e);
        }
    }

    /// <summary>All rows of a layer, ordered by primary key.</summary>
    /// <exception cref="ImportException">The layer's table is unreadable or a geometry blob is malformed; names file, layer and fid.</exception>
    public IReadOnlyList<GeoPackageFeature> ReadFeatures(GeoPackageLayer layer)
    {
        var features = new List<GeoPackageFeature>();
        long fid = 0;
        try
        {
            var key = PrimaryKey(layer);
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Quote(layer.Name)} ORDER BY {Quote(key)}";
            using var reader = command.ExecuteReader();
            var keyOrdinal = reader.GetOrdinal(key);
            var geometryOrdinal = reader.GetOrdinal(layer.GeometryColumn);
            while (reader.Read())
            {
                if (reader.IsDBNull(keyOrdinal))
                    throw new ImportException($"{Path}: layer '{layer.Name}': a feature's primary key {key} is NULL; it must be an integer.");
                fid = reader.GetInt64(keyOrdinal);
                var attributes = new List<KeyValuePair<string, object?>>(reader.FieldCount);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i == keyOrdinal || i == geometryOrdinal) continue;
                    attributes.Add(new(reader.GetName(i), reader.IsDBNull(i) ? null : reader.GetValue(i)));
                }
                var geometry = reader.IsDBNull(geometryOrdinal) ? null : GeoPackageGeometry.Decode(BlobOf(reader, geometryOrdinal));
                features.Add(new GeoPackageFeature(fid, geometry, attributes));
            }
        }
        catch (SqliteException e)
        {
            throw new ImportException($"{Path}: layer '{layer.Name}': cannot read: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ImportException($"{Path}: layer '{layer.Name}': feature fid {fid}: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new ImportException($"{Path}: layer '{layer.Name}': the table does not match its GeoPackage metadata: {e.Message}", e);
        }
        return features;
    }

    public void Dispose() => _connection.Dispose();

    private static List<GeoPackageLayer> ReadLayers(string path, SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id, s.organization, s.organization_coordsys_id
            FROM gpkg_contents c
            JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
            WHERE c.data_type = 'features'
            ORDER BY c.rowid
            """;
        using var reader = command.ExecuteReader();
        var layers = new List<GeoPackageLayer>();
        while (reader.Read())
        {
            // The join matched table_name, so only the gpkg_geometry_columns values can be NULL.
            foreach (var (ordinal, column) in RequiredLayerValues)
            {
                if (reader.IsDBNull(ordinal))
                    throw new ImportException($"{path}: gpkg_geometry_columns: layer '{reader.GetString(0)}' has no {column} (NULL).");
            }
            layers.Add(new GeoPackageLayer(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        }
        return layers;
    }

    // GeoPackage requires an INTEGER PRIMARY KEY on feature tables; its name varies (fid, id, ogc_fid, ...).
    private string PrimaryKey(GeoPackageLayer layer)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info({QuoteLiteral(layer.Name)}) WHERE pk = 1";
        return command.ExecuteScalar() as string
            ?? throw new ImportException($"{Path}: layer '{layer.Name}': the feature table has no integer primary key (or does not exist).");
    }

    private static byte[] BlobOf(SqliteDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) as byte[] ?? throw new InvalidDataException("the geometry value is not a blob");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
