using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Mesa.Fuzzing.Harness;
using Mesa.Processing.Import;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// A GeoPackage (a SQLite file from the user) through <see cref="GeoPackageReader"/>: its layers, then every feature
/// of every layer. Refusals are <see cref="ImportException"/>s. Half the inputs are GeoPackages generated with hostile
/// metadata (odd or missing tables and columns, wrong types, keys that are not integers) and damaged geometry blobs;
/// the rest are valid files damaged byte-wise.
/// </summary>
public sealed class GeoPackageTarget : FuzzTarget
{
    private static readonly string[] LayerNames = ["Coral reef", "a\"b", "x'y", "name with space", "é", "gpkg_contents", "", "[t]"];
    private static readonly string[] KeyColumns = ["fid INTEGER PRIMARY KEY", "fid TEXT PRIMARY KEY", "fid INTEGER", "fid REAL PRIMARY KEY", "fid INTEGER NOT NULL", "ogc_fid INTEGER PRIMARY KEY"];
    private static readonly object?[] SrsIds = [4326, 3857, 32737, 999, -1, "EPSG", null, 1.5, long.MaxValue];

    private static readonly byte[][] ValidWkb =
    [
        new NetTopologySuite.IO.WKBWriter().Write(new NetTopologySuite.IO.WKTReader().Read("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))")),
        new NetTopologySuite.IO.WKBWriter().Write(new NetTopologySuite.IO.WKTReader().Read("MULTIPOINT ((0 0), (1 1))")),
    ];

    private readonly string _path;
    private int _built;

    public GeoPackageTarget() => _path = Path.Combine(Scratch, "assets.gpkg");

    public override string Name => "gpkg";

    protected override bool MutateGenerated => false;

    public override void Run(byte[] input)
    {
        File.WriteAllBytes(_path, input);
        using var reader = GeoPackageReader.Open(_path);
        foreach (var layer in reader.Layers)
        {
            _ = layer.Crs;
            foreach (var feature in reader.ReadFeatures(layer)) _ = feature.Geometry?.EnvelopeInternal;
        }
    }

    public override bool IsDocumented(Exception error) => error is ImportException;

    protected override IReadOnlyList<byte[]> BuildSeeds()
    {
        var random = new Random(7);
        return [Build(random, hostile: false), Build(random, hostile: false)];
    }

    protected override byte[]? Generate(Random random) => random.Next(2) == 0 ? Build(random, hostile: true) : null;

    private byte[] Build(Random random, bool hostile)
    {
        var path = Path.Combine(Scratch, $"built-{_built++ % 2}.gpkg");
        File.Delete(path);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            Execute(connection, """
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT);
                CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, srs_id INTEGER);
                CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
                INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, ''), ('Pseudo-Mercator', 3857, 'EPSG', 3857, '');
                """);
            if (hostile && random.Next(4) == 0)
                Execute(connection, "INSERT INTO gpkg_spatial_ref_sys VALUES ($a, $b, $c, $d, '')",
                    ("$a", Pick(random, ["x", null, 7])), ("$b", 999), ("$c", Pick(random, ["EPSG", null, 12, new byte[] { 1 }])), ("$d", Pick(random, [4326, "abc", null, 1e20])));
            var layers = 1 + random.Next(hostile ? 3 : 1);
            for (var l = 0; l < layers; l++)
            {
                var name = hostile ? LayerNames[random.Next(LayerNames.Length)] + l : $"layer{l}";
                var key = hostile ? KeyColumns[random.Next(KeyColumns.Length)] : KeyColumns[0];
                var table = "\"" + name.Replace("\"", "\"\"") + "\"";
                var created = !hostile || random.Next(10) != 0;
                if (created)
                    Execute(connection, $"CREATE TABLE IF NOT EXISTS {table} ({key}, geom BLOB, class TEXT, area REAL)");
                var geometryColumn = hostile && random.Next(10) == 0 ? "missing" : "geom";
                var srsId = hostile && random.Next(4) == 0 ? SrsIds[random.Next(SrsIds.Length)] : 4326;
                Execute(connection, "INSERT OR IGNORE INTO gpkg_contents VALUES ($n, $t, $s); INSERT INTO gpkg_geometry_columns VALUES ($n, $g, $y, $s, 0, 0)",
                    ("$n", hostile && random.Next(20) == 0 ? null : name), ("$t", hostile && random.Next(10) == 0 ? "tiles" : "features"),
                    ("$s", srsId), ("$g", geometryColumn), ("$y", hostile && random.Next(10) == 0 ? null : "GEOMETRY"));
                var rows = created ? random.Next(5) : 0;
                for (var r = 0; r < rows; r++)
                {
                    var keyValue = key.StartsWith("fid TEXT", StringComparison.Ordinal) ? Pick(random, ["a", null, 3]) : r + 1;
                    var columns = key.StartsWith("ogc_fid", StringComparison.Ordinal) ? "ogc_fid" : "fid";
                    Execute(connection, $"INSERT OR IGNORE INTO {table} ({columns}, geom, class, area) VALUES ($k, $g, $c, $a)",
                        ("$k", keyValue), ("$g", Geometry(random, hostile)), ("$c", Pick(random, ["reef", null, 5, new byte[] { 0xFF }])), ("$a", Pick(random, [1.5, null, "x"])));
                }
            }
        }
        return File.ReadAllBytes(path);
    }

    private object? Geometry(Random random, bool hostile)
    {
        var wkb = hostile ? WkbGenerator.Generate(random) : ValidWkb[random.Next(ValidWkb.Length)];
        var header = new byte[8];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[3] = 0x01;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 4326);
        byte[] blob = [.. header, .. wkb];
        if (!hostile) return blob;
        return random.Next(6) switch
        {
            0 => null,
            1 => "POINT (1 2)",
            2 => 42,
            _ => Mutate(random, blob),
        };
    }

    private static object? Pick(Random random, object?[] choices) => choices[random.Next(choices.Length)];

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
