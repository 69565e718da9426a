using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Mesa.Fuzzing.Harness;
using Mesa.Fuzzing.Targets;
using Mesa.Processing.Import;
using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Uploads;

namespace Mesa.Fuzzing.Tests;

/// <summary>The inputs the fuzz runs found, minimized, each now parsed or refused with the documented error.</summary>
public sealed class FindingRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mesa-fuzz-regression-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_geopackage_blob_with_a_NaN_envelope_has_no_envelope()
    {
        // Found by the gpkg-blob target: NetTopologySuite's Envelope threw ArgumentException on the NaN.
        var blob = Convert.FromHexString("47500003E630CB00CCBB7CFCFFFFFFFF1AE42D210DF4D63FBFD520ABDF6AC03F0105000000000000");

        Assert.Null(GeoPackageGeometry.ReadHeader(blob).Envelope);
        Assert.Contains("malformed WKB", Assert.Throws<InvalidDataException>(() => GeoPackageGeometry.Decode(blob)).Message);
    }

    [Fact]
    public void An_empty_point_with_the_NaN_envelope_GeoPackage_prescribes_decodes_as_empty()
    {
        var blob = new byte[8 + 32 + 21];
        "GP"u8.CopyTo(blob);
        blob[3] = 0x01 | 1 << 1 | 0x10;
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(8 + 8 * i), double.NaN);
        blob[40] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(41), 1);
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(45), double.NaN);
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(53), double.NaN);

        Assert.Null(GeoPackageGeometry.Decode(blob));
    }

    [Theory]
    [InlineData("column_name")]
    [InlineData("geometry_type_name")]
    [InlineData("srs_id")]
    public void A_geopackage_layer_with_a_NULL_in_gpkg_geometry_columns_is_refused_naming_it(string column)
    {
        // Found by the gpkg target: SqliteDataReader's InvalidOperationException on NULL escaped the import error.
        var path = GeoPackage($"UPDATE gpkg_geometry_columns SET {column} = NULL");

        var error = Assert.Throws<ImportException>(() => GeoPackageReader.Open(path));

        Assert.Equal($"{path}: gpkg_geometry_columns: layer 'reef' has no {column} (NULL).", error.Message);
    }

    [Fact]
    public void A_geopackage_feature_with_a_NULL_primary_key_is_refused_naming_the_layer()
    {
        // Found by the gpkg target: a TEXT primary key may hold NULL in SQLite, and GetInt64 threw on it.
        var path = GeoPackage("INSERT INTO reef (fid, geom) VALUES (NULL, NULL)", key: "fid TEXT PRIMARY KEY");
        using var reader = GeoPackageReader.Open(path);

        var error = Assert.Throws<ImportException>(() => reader.ReadFeatures(reader.Layers.Single()));

        Assert.Equal($"{path}: layer 'reef': a feature's primary key fid is NULL; it must be an integer.", error.Message);
    }

    [Fact]
    public void A_settings_workbook_whose_sheet_lacks_its_sheetId_is_refused_naming_the_file()
    {
        // Found by the settings.xlsx target: ExcelDataReader threw ArgumentNullException on the missing attribute.
        var members = ZipParts.Read(File.ReadAllBytes(RepositoryFiles.Path("data", "mesa-samples", "coastal_zone", "settings.xlsx")));
        var workbook = members.FindIndex(m => m.Name == "xl/workbook.xml");
        var xml = Encoding.UTF8.GetString(members[workbook].Content);
        Assert.Contains(" sheetId=\"1\"", xml);
        members[workbook] = (members[workbook].Name, Encoding.UTF8.GetBytes(xml.Replace(" sheetId=\"1\"", "")));
        var path = Path.Combine(_dir, "settings.xlsx");
        File.WriteAllBytes(path, ZipParts.Write(members, CompressionLevel.Optimal));

        var error = Assert.Throws<ImportException>(() => SettingsWorkbook.Read(path));

        Assert.StartsWith($"{path}: not a readable xlsx workbook: ", error.Message);
    }

    [Fact]
    public void A_mesa_version_line_with_a_long_run_of_blanks_is_read_in_linear_time()
    {
        // Found by the config.ini target: the backtracking regex took over 10 s on this 150 kB line. Tests do not time
        // things; the fuzz runner's time limit does. This checks the value still comes out as MESA reads it.
        var text = "[DEFAULT]\nmesa_version = 5" + new string(' ', 150_000) + ".6 x\n";

        Assert.Equal("5" + new string(' ', 150_000) + ".6 x", MesaVersion.Read(text));
        Assert.Null(MesaVersion.Read("[DEFAULT]\n" + new string('\n', 150_000) + "x = 1\n"));
    }

    [Fact]
    public void The_linear_time_mesa_version_reader_reads_what_the_backtracking_one_read()
    {
        // Python's pattern in the backtracking engine, as MesaVersion ran it before, on the config.ini target's inputs.
        var backtracking = new Regex(@"^\s*mesa_version\s*=\s*(.+?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        using var target = FuzzTargets.Create("config.ini");
        var random = new Random(20261206);
        var versions = 0;
        for (var i = 0; i < 5000; i++)
        {
            var text = Encoding.UTF8.GetString(target.Next(random));
            if (text.Length > 20_000) continue;
            var match = backtracking.Match(text);
            var value = match.Success ? match.Groups[1].Value : "";
            var hash = value.IndexOf('#');
            var expected = (hash >= 0 ? value[..hash] : value).Trim() is { Length: > 0 } version ? version : null;
            Assert.Equal(expected, MesaVersion.Read(text));
            if (expected is not null) versions++;
        }
        Assert.True(versions > 500, $"only {versions} inputs named a version");
    }

    [Fact]
    public void References_that_fan_out_at_every_level_are_refused_before_they_expand()
    {
        // Found by the config.ini target: sixteen references per level for eight levels expand to 6.9 * 10^10 characters.
        var text = new StringBuilder("[DEFAULT]\nk0 = xxxxxxxxxxxxxxxx\n");
        for (var level = 1; level <= 8; level++)
            text.Append($"k{level} = ").AppendJoin("", Enumerable.Repeat($"%(k{level - 1})s", 16)).Append('\n');
        text.Append("[A]\nrange = %(k8)s\n");

        var error = Assert.Throws<WorkloadException>(() => MesaConfig.Parse(text.ToString()));

        Assert.Equal("config.ini line 12: '%(...)s' references expand to more than 1048576 characters (references repeated at every level?).", error.Message);
    }

    [Fact]
    public void A_zip_whose_directory_miscounts_its_entries_is_refused_as_unreadable()
    {
        // Found by the upload-zip target: the central directory is read lazily, so its InvalidDataException escaped the checks.
        var zip = WorkloadZip();
        var endOfDirectory = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(endOfDirectory + 8), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(endOfDirectory + 8)) + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(endOfDirectory + 10), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(endOfDirectory + 10)) + 1));
        var path = Path.Combine(_dir, "upload.zip");
        File.WriteAllBytes(path, zip);
        var target = Path.Combine(_dir, "workload");

        var error = Assert.Throws<WorkloadArchiveException>(() => WorkloadArchive.Extract(path, target, new LimitOptions()));

        Assert.StartsWith("The upload is not a readable zip archive", error.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void The_same_zip_with_its_directory_intact_is_accepted()
    {
        var path = Path.Combine(_dir, "upload.zip");
        File.WriteAllBytes(path, WorkloadZip());
        var target = Path.Combine(_dir, "workload");

        WorkloadArchive.Extract(path, target, new LimitOptions());

        Assert.True(File.Exists(Path.Combine(target, WorkloadFiles.Config)));
    }

    /// <summary>A one-layer GeoPackage ("reef", no rows), then <paramref name="damage"/>.</summary>
    private string GeoPackage(string damage, string key = "fid INTEGER PRIMARY KEY")
    {
        var path = Path.Combine(_dir, "assets.gpkg");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT);
                CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, srs_id INTEGER);
                CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
                INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, '');
                CREATE TABLE reef ({key}, geom BLOB);
                INSERT INTO gpkg_contents VALUES ('reef', 'features', 4326);
                INSERT INTO gpkg_geometry_columns VALUES ('reef', 'geom', 'GEOMETRY', 4326, 0, 0);
                {damage};
                """;
            command.ExecuteNonQuery();
        }
        return path;
    }

    private static byte[] WorkloadZip()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in WorkloadFiles.RequiredTables.Append(WorkloadFiles.Config))
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(name == WorkloadFiles.Config ? Encoding.UTF8.GetBytes("[DEFAULT]\n") : [.. "PAR1"u8, .. new byte[8], .. "PAR1"u8]);
            }
        }
        return output.ToArray();
    }
}
