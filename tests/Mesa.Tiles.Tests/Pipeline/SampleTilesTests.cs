using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Import;
using Mesa.Processing.Workload;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Tests.Support;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Mesa.Tiles.Tests.Pipeline;

/// <summary>A MESA sample package imported with a 1 km hexagon grid, processed with the tiles stage, and its MBTiles read back by GDAL.</summary>
public sealed class SampleTilesTests : IDisposable
{
    private static readonly string[] Suffixes = ["sensitivity_max", "groupstotal", "assetstotal", "importance_max", "index_owa", "seg_signatures"];
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-sample-tiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_processed_sample_has_every_layer_listed_in_the_manifest_with_the_right_colours()
    {
        var grid = CellGridSpec.Parse("hex:1000");
        SampleWorkload.Build(SampleData.Folder("coastal_zone"), grid, _folder);
        // Segment works on the basic mosaic: let the hexagons play that part, so _seg_signatures exists.
        File.WriteAllText(Path.Combine(_folder, WorkloadFiles.Config), DefaultConfig.Text.Replace("basic_group_name = basic_mosaic", $"basic_group_name = {grid.DefaultGroupName}"));

        var report = ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { Threads = 2, OutputStages = [new TilesStage()] });

        Assert.Equal(TilesStage.StageName, report.Timings[^1].Stage);
        var expected = Suffixes.Select(s => $"{OutputFiles.MbtilesFolder}/{grid.DefaultGroupName}_{s}.mbtiles").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, report.Manifest.Files.Select(f => f.Path).Where(p => p.StartsWith(OutputFiles.MbtilesFolder, StringComparison.Ordinal)));
        foreach (var file in expected)
        {
            var path = OutputFiles.PathIn(_folder, file);
            Assert.Contains("Driver: MBTiles/MBTiles", Gdal.Run("gdalinfo", path));
            // At zoom 6 a 1 km hexagon is under half a pixel: thinning leaves it nothing to fill, so that zoom may stay empty.
            var zooms = Zooms(path);
            Assert.Subset(Enumerable.Range(6, 7).ToHashSet(), zooms.ToHashSet());
            Assert.Subset(zooms.ToHashSet(), Enumerable.Range(8, 5).ToHashSet());
        }

        string Layer(string suffix) => OutputFiles.PathIn(_folder, expected.Single(f => f.EndsWith($"_{suffix}.mbtiles", StringComparison.Ordinal)));
        var signatures = OutputTableRows(OutputFiles.PathIn(_folder, $"{OutputFiles.SegmentationFolder}/{grid.DefaultGroupName}.parquet"), "code", "signature");
        var checkedCells = 0;
        foreach (var (lon, lat, code, bandCode) in CellCentres().Where(c => c.BandCode is { Length: > 0 }).Take(12))
        {
            Assert.Equal(Channels(Rgba.ParseHex(MesaConfig.Defaults.FindBand(bandCode)!.Colour)!.Value), Gdal.ValueAtLonLat(Layer("sensitivity_max"), lon, lat));
            Assert.Equal(Channels(SignatureColours.Of(signatures[code])), Gdal.ValueAtLonLat(Layer("seg_signatures"), lon, lat));
            checkedCells++;
        }
        Assert.Equal(12, checkedCells);
    }

    private static int[] Channels(uint colour) => [(int)(colour & 0xFF), (int)((colour >> 8) & 0xFF), (int)((colour >> 16) & 0xFF), (int)(colour >> 24)];

    private static Dictionary<string, string?> OutputTableRows(string path, string key, string value)
    {
        using var reader = ParquetReader.Open(path);
        var result = new Dictionary<string, string?>();
        foreach (var batch in reader.ReadRowGroups([key, value]))
            for (var row = 0; row < batch.RowCount; row++)
                result.Add(((BinaryColumn)batch[key]).GetString(row)!, batch[value].IsNull(row) ? null : ((BinaryColumn)batch[value]).GetString(row));
        return result;
    }

    [Fact]
    public void Tiles_do_not_depend_on_the_thread_count()
    {
        SampleWorkload.Build(SampleData.Folder("mount_kenya"), CellGridSpec.Parse("hex:1000"), _folder);
        ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { Threads = 1 });
        var stage = new TilesStage(new ZoomRange(8, 11));

        var files = stage.Write(_folder, MesaConfig.Defaults, threads: 1);
        var single = files.ToDictionary(f => f, f => Tiles(OutputFiles.PathIn(_folder, f)));
        var singleBytes = files.ToDictionary(f => f, f => File.ReadAllBytes(OutputFiles.PathIn(_folder, f)));
        stage.Write(_folder, MesaConfig.Defaults, threads: 4);

        Assert.NotEmpty(single.Values.SelectMany(t => t));
        foreach (var (file, tiles) in single) Assert.Equal(tiles, Tiles(OutputFiles.PathIn(_folder, file)));
        // Rows go in in tile order, so even the files' bytes repeat (manifest hashes do not change with threads).
        foreach (var (file, bytes) in singleBytes) Assert.Equal(bytes, File.ReadAllBytes(OutputFiles.PathIn(_folder, file)));
    }

    // The centroid of each tbl_flat hexagon (far from its edges at zoom 12) with its code and sensitivity_code_max, read independently of Mesa.Tiles.
    private IEnumerable<(double Lon, double Lat, string Code, string? BandCode)> CellCentres()
    {
        using var reader = ParquetReader.Open(OutputFiles.PathIn(_folder, OutputFiles.Flat));
        var wkb = new WKBReader();
        foreach (var batch in reader.ReadRowGroups(["code", "sensitivity_code_max", "geometry"]))
        {
            var cellCodes = (BinaryColumn)batch["code"];
            var codes = (BinaryColumn)batch["sensitivity_code_max"];
            var geometries = (BinaryColumn)batch["geometry"];
            for (var row = 0; row < batch.RowCount; row++)
            {
                var centre = wkb.Read(geometries.GetBytes(row).ToArray()).Centroid;
                yield return (centre.X, centre.Y, cellCodes.GetString(row)!, codes.IsNull(row) ? null : codes.GetString(row));
            }
        }
    }

    private static List<int> Zooms(string path) => Query(path, "SELECT DISTINCT zoom_level FROM tiles ORDER BY 1", r => r.GetInt32(0));

    private static Dictionary<(int, long, long), string> Tiles(string path) =>
        Query(path, "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles", r => ((r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)), Convert.ToHexString((byte[])r[3])))
            .ToDictionary(t => t.Item1, t => t.Item2);

    private static List<T> Query<T>(string path, string sql, Func<SqliteDataReader, T> read)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read()) result.Add(read(reader));
        return result;
    }
}
