using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Processing.Tests.Import;

/// <summary>Writes minimal GeoPackages (metadata tables + one table per layer with a "class" column) for tests.</summary>
internal sealed class TestGeoPackage
{
    private readonly List<(string Name, int SrsId, List<byte[]?> Blobs)> _layers = [];

    public TestGeoPackage AddLayer(string name, int srsId, params Geometry?[] geometries)
    {
        _layers.Add((name, srsId, geometries.Select(g => g is null ? null : Blob(g)).ToList()));
        return this;
    }

    public TestGeoPackage AddRawLayer(string name, int srsId, params byte[]?[] blobs)
    {
        _layers.Add((name, srsId, blobs.ToList()));
        return this;
    }

    /// <summary>A GeoPackage blob: little-endian header without envelope, then little-endian WKB.</summary>
    public static byte[] Blob(Geometry geometry)
    {
        var header = new byte[8];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[3] = 0x01;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), geometry.SRID);
        return [.. header, .. new WKBWriter().Write(geometry)];
    }

    public string Write(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, ''), ('Pseudo-Mercator', 3857, 'EPSG', 3857, ''), ('UTM 37S', 32737, 'EPSG', 32737, '');
            """);
        foreach (var (name, srsId, blobs) in _layers)
        {
            var table = "\"" + name.Replace("\"", "\"\"") + "\"";
            Execute(connection, $"CREATE TABLE {table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY, class TEXT)");
            Execute(connection, "INSERT INTO gpkg_contents VALUES ($n, 'features', $s); INSERT INTO gpkg_geometry_columns VALUES ($n, 'geom', 'GEOMETRY', $s, 0, 0)",
                ("$n", name), ("$s", srsId));
            foreach (var blob in blobs)
                Execute(connection, $"INSERT INTO {table} (geom, class) VALUES ($g, $c)", ("$g", (object?)blob ?? DBNull.Value), ("$c", name));
        }
        return path;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
