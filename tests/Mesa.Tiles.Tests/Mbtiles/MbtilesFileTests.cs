using Mesa.Processing.Workload;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Mbtiles;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Source;
using Mesa.Tiles.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mesa.Tiles.Tests.Mbtiles;

/// <summary>The files of one hand-made group: schema, metadata, TMS rows, painted tiles only, and what GDAL reads from them.</summary>
public sealed class MbtilesFileTests : IDisposable
{
    private const int Zoom = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-mbtiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A 100 x 60 px cell and a 20 x 20 px one at zoom 10 inside tile (500, 300); at zoom 9 they lie in tile (250, 150).
    // Only the first has a segmentation signature.
    private (GroupCells Group, IReadOnlyList<string> Paths) WriteSquareGroup(string name = "Hex grid 1 km")
    {
        var group = new GroupCells(name, hasSegmentation: true);
        PixelCells.Add(group, Zoom, PixelCells.Values("A+B"), PixelCells.Rectangle(500 * 256 + 20, 300 * 256 + 40, 500 * 256 + 120, 300 * 256 + 100));
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(500 * 256 + 200, 300 * 256 + 150, 500 * 256 + 220, 300 * 256 + 170));
        var layers = GroupLayers.Build(group, MesaConfig.Defaults);
        return (group, GroupTileWriter.Write(group, layers, _folder, new ZoomRange(Zoom - 1, Zoom), threads: 2));
    }

    [Fact]
    public void Every_layer_gets_a_file_named_by_the_cleaned_group_name()
    {
        var (_, paths) = WriteSquareGroup("Hex grid: 1 km (v2)");

        string[] suffixes = ["sensitivity_max", "groupstotal", "assetstotal", "importance_max", "index_owa", "seg_signatures"];
        Assert.Equal(suffixes.Select(s => Path.Combine(_folder, $"Hex_grid_1_km_v2_{s}.mbtiles")), paths);
        Assert.All(paths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void Schema_is_exactly_the_contracts()
    {
        var (_, paths) = WriteSquareGroup();
        using var db = Open(paths[0]);

        var sql = Query(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name", r => $"{r.GetString(0)} {r.GetString(1)}: {r.GetString(2)}");

        Assert.Equal(
        [
            "table metadata: CREATE TABLE metadata (name TEXT, value TEXT)",
            "index tile_index: CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)",
            "table tiles: CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)",
        ], sql);
    }

    [Fact]
    public void Metadata_has_the_common_keys_and_the_ramp_keys_only_on_ramp_layers()
    {
        var (group, paths) = WriteSquareGroup();
        var (minLon, minLat, maxLon, maxLat) = group.Rings.LonLatBounds;

        var sensitivity = Metadata(paths[0]);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["name"] = "Hex_grid_1_km_sensitivity_max", ["type"] = "baselayer", ["version"] = "1",
                ["description"] = "MESA Hex grid 1 km: Maximum sensitivity band", ["format"] = "png",
                ["minzoom"] = "9", ["maxzoom"] = "10", ["scheme"] = "tms",
                ["bounds"] = string.Join(',', new[] { minLon, minLat, maxLon, maxLat }.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            },
            sensitivity);
        var groupsTotal = Metadata(paths[1]);
        Assert.Equal("linear", groupsTotal["mesa_scale"]);
        Assert.Equal(("1", "1"), (groupsTotal["mesa_value_min"], groupsTotal["mesa_value_max"]));
        Assert.Equal("[{\"value\":1,\"color\":\"#08306b\"}]", groupsTotal["mesa_legend"]); // both cells count 1: one colour
        Assert.Equal("log1p", Metadata(paths[2])["mesa_scale"]);
        Assert.DoesNotContain("mesa_scale", Metadata(paths[3]).Keys);
    }

    [Fact]
    public void Bounds_clamp_latitudes_to_the_web_mercator_square()
    {
        var group = new GroupCells("polar");
        foreach (var (lon, lat) in new[] { (10.0, 80.0), (20.0, 80.0), (20.0, 89.5), (10.0, 89.5), (10.0, 80.0) }) group.Rings.AddPoint(lon, lat);
        group.Rings.EndRing();
        group.EndCell(PixelCells.Values());

        var paths = GroupTileWriter.Write(group, GroupLayers.Build(group, MesaConfig.Defaults), _folder, new ZoomRange(2, 3), threads: 1);

        Assert.Equal(5, paths.Count); // no segmentation table: no _seg_signatures
        Assert.Equal("10,80,20,85.05112878", Metadata(paths[0])["bounds"]);
    }

    [Fact]
    public void A_cancelled_run_stops_with_the_writer_shut_down()
    {
        var group = new GroupCells("g");
        PixelCells.Add(group, Zoom, PixelCells.Rectangle(500 * 256, 300 * 256, 520 * 256, 320 * 256));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            GroupTileWriter.Write(group, GroupLayers.Build(group, MesaConfig.Defaults), _folder, new ZoomRange(6, Zoom), threads: 2, cancellation: cancelled.Token));
        // Returning at all means the writer thread ended; every file it had opened is a readable MBTiles file.
        Assert.Equal(5, Directory.GetFiles(_folder, "*.mbtiles").Length);
        Assert.All(Directory.GetFiles(_folder, "*.mbtiles"), path => Assert.StartsWith("MESA g: ", Metadata(path)["description"]));
    }

    [Fact]
    public void Tiles_are_stored_in_tms_rows_and_only_where_painted()
    {
        var (_, paths) = WriteSquareGroup();
        using var db = Open(paths[0]);

        var tiles = Query(db, "SELECT zoom_level, tile_column, tile_row FROM tiles ORDER BY zoom_level", r => (r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)));

        Assert.Equal([(9, 250L, 511L - 150), (10, 500L, 1023L - 300)], tiles);
        Assert.Equal(1023 - 300, TmsRow.FromXyz(10, 300));
    }

    [Fact]
    public void A_stored_tile_decodes_to_the_cells_pixels()
    {
        var (_, paths) = WriteSquareGroup();
        using var db = Open(paths[4]);

        var png = Query(db, "SELECT tile_data FROM tiles WHERE zoom_level = 10", r => (byte[])r[0]).Single();
        var (_, _, pixels) = TestPng.Decode(png);

        Assert.Equal(TileRendering.Block(20, 40, 120, 100).Union(TileRendering.Block(200, 150, 220, 170)).ToHashSet(), TileRendering.Painted(pixels));
        Assert.Equal("#bd0026", Rgba.ToHex(TileRendering.At(pixels, 20, 40))); // index_owa 100: the A colour
    }

    [Fact]
    public void Gdal_reads_the_expected_colours_at_known_coordinates()
    {
        var (_, paths) = WriteSquareGroup();
        var (insideLon, insideLat) = PixelCells.ToLonLat(500 * 256 + 70.5, 300 * 256 + 70.5, Zoom);
        var (outsideLon, outsideLat) = PixelCells.ToLonLat(500 * 256 + 150.5, 300 * 256 + 70.5, Zoom);

        Assert.Equal([0xbd, 0x00, 0x26, 255], Gdal.ValueAtLonLat(paths[0], insideLon, insideLat)); // band A
        Assert.Equal([0x0f, 0x5f, 0x2c, 255], Gdal.ValueAtLonLat(paths[3], insideLon, insideLat)); // importance 5
        Assert.Equal([202, 70, 65, 255], Gdal.ValueAtLonLat(paths[5], insideLon, insideLat)); // A+B
        Assert.Equal([0, 0, 0, 0], Gdal.ValueAtLonLat(paths[0], outsideLon, outsideLat));
        var (cornerLon, cornerLat) = PixelCells.ToLonLat(500 * 256 + 210.5, 300 * 256 + 160.5, Zoom);
        Assert.Equal([0, 0, 0, 0], Gdal.ValueAtLonLat(paths[5], cornerLon, cornerLat)); // no signature: not drawn
        Assert.Equal([0xbd, 0x00, 0x26, 255], Gdal.ValueAtLonLat(paths[0], cornerLon, cornerLat));
    }

    [Fact]
    public void File_prefix_keeps_word_characters_and_dashes_and_at_most_120_characters()
    {
        Assert.Equal("basic_mosaic", FilePrefix.Of("basic_mosaic"));
        Assert.Equal("My_grid-2_ø", FilePrefix.Of("My grid-2 (ø)!"));
        Assert.Equal(new string('a', 120), FilePrefix.Of(new string('a', 130)));
    }

    [Fact]
    public void Groups_with_the_same_prefix_are_numbered_in_group_order_ignoring_case()
    {
        string[] names = ["Hex grid", "hex_grid", "Hex-grid", "hex grid!", "Hex_grid_2", new string('a', 130), new string('a', 125)];

        Assert.Equal(["Hex_grid", "hex_grid_2", "Hex-grid", "hex_grid_3", "Hex_grid_2_2", new string('a', 120), new string('a', 118) + "_2"], FilePrefix.Distinct(names));
    }

    [Fact]
    public void A_file_sqlite_cannot_create_is_an_io_error_naming_it()
    {
        // /proc takes no new files, whoever runs the test.
        const string path = "/proc/mesa-tiles-test.mbtiles";

        var error = Assert.Throws<IOException>(() => new MbtilesWriter(path, []).Dispose());

        Assert.StartsWith($"Cannot write {path}: SQLite Error", error.Message);
    }

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        return db;
    }

    private static Dictionary<string, string> Metadata(string path)
    {
        using var db = Open(path);
        return Query(db, "SELECT name, value FROM metadata", r => (r.GetString(0), r.GetString(1))).ToDictionary(e => e.Item1, e => e.Item2);
    }

    private static List<T> Query<T>(SqliteConnection db, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read()) result.Add(read(reader));
        return result;
    }
}
