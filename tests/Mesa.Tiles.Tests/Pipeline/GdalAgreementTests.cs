using System.Globalization;
using System.Text;
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

/// <summary>
/// Our zoom-12 sensitivity tiles of a processed sample against gdal_rasterize of the same tbl_flat cells onto the
/// same pixel grid: both sample pixel centres and let the last cell win, and 1 km hexagons lose no vertex to
/// thinning at zoom 12, so every pixel must agree.
/// </summary>
public sealed class GdalAgreementTests : IDisposable
{
    private const int Zoom = 12;
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-tiles-gdal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Zoom_12_pixels_match_gdal_rasterize_of_the_same_cells()
    {
        SampleWorkload.Build(SampleData.Folder("river_system"), CellGridSpec.Parse("hex:1000"), _folder);
        ProcessingPipeline.Run(MesaWorkload.Load(_folder), new ProcessingOptions { Threads = 2 });
        var file = Assert.Single(new TilesStage(new ZoomRange(Zoom, Zoom)).Write(_folder, MesaConfig.Defaults, threads: 2), f => f.EndsWith("_sensitivity_max.mbtiles", StringComparison.Ordinal));
        var tiles = ReadTiles(OutputFiles.PathIn(_folder, file));
        long minX = tiles.Keys.Min(k => k.X), maxX = tiles.Keys.Max(k => k.X), minY = tiles.Keys.Min(k => k.Y), maxY = tiles.Keys.Max(k => k.Y);
        int width = (int)(maxX - minX + 1) * 256, height = (int)(maxY - minY + 1) * 256;
        var gdal = RasterizeWithGdal(minX, minY, maxX, maxY, width, height);

        var bandOf = MesaConfig.Defaults.Bands.Select((b, i) => (Colour: Rgba.ParseHex(b.Colour)!.Value, Index: (byte)(i + 1))).ToDictionary(b => b.Colour, b => b.Index);
        long painted = 0, differing = 0;
        for (var ty = minY; ty <= maxY; ty++)
        {
            for (var tx = minX; tx <= maxX; tx++)
            {
                var pixels = tiles.GetValueOrDefault((tx, ty));
                for (var row = 0; row < 256; row++)
                {
                    for (var column = 0; column < 256; column++)
                    {
                        var ours = pixels is null || pixels[row * 256 + column] == Rgba.Transparent ? (byte)0 : bandOf[pixels[row * 256 + column]];
                        var theirs = gdal[((ty - minY) * 256 + row) * width + (tx - minX) * 256 + column];
                        if (ours != 0) painted++;
                        if (ours != theirs) differing++;
                    }
                }
            }
        }
        Assert.True(painted > 100_000, $"only {painted} painted pixels");
        Assert.Equal(0, differing);
    }

    // tbl_flat's cells as CSV (WKT + band index 1..5 of sensitivity_code_max), reprojected by ogr2ogr, burnt into a raw Byte raster.
    private byte[] RasterizeWithGdal(long minX, long minY, long maxX, long maxY, int width, int height)
    {
        var csv = new StringBuilder("WKT,band\n");
        using (var reader = ParquetReader.Open(OutputFiles.PathIn(_folder, OutputFiles.Flat)))
        {
            var wkb = new WKBReader();
            foreach (var batch in reader.ReadRowGroups(["sensitivity_code_max", "geometry"]))
            {
                var codes = (BinaryColumn)batch["sensitivity_code_max"];
                var geometries = (BinaryColumn)batch["geometry"];
                for (var row = 0; row < batch.RowCount; row++)
                {
                    var band = codes.IsNull(row) ? 0 : "ABCDE".IndexOf(codes.GetString(row)!, StringComparison.Ordinal) + 1;
                    csv.Append('"').Append(wkb.Read(geometries.GetBytes(row).ToArray()).AsText()).Append("\",").Append(band).Append('\n');
                }
            }
        }
        var csvPath = Path.Combine(_folder, "cells.csv");
        File.WriteAllText(csvPath, csv.ToString());
        var fgb = Path.Combine(_folder, "cells.fgb");
        Gdal.Run("ogr2ogr", "-f", "FlatGeobuf", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:3857", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES", fgb, csvPath);
        var half = Math.PI * 6378137.0;
        var tile = 2 * half / (1 << Zoom);
        string Metres(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var raw = Path.Combine(_folder, "gdal.bin");
        Gdal.Run("gdal_rasterize", "-q", "-a", "band", "-ot", "Byte", "-of", "ENVI", "-a_srs", "EPSG:3857",
            "-te", Metres(-half + minX * tile), Metres(half - (maxY + 1) * tile), Metres(-half + (maxX + 1) * tile), Metres(half - minY * tile),
            "-ts", width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture), fgb, raw);
        var bytes = File.ReadAllBytes(raw);
        Assert.Equal(width * height, bytes.Length);
        return bytes;
    }

    // Every stored tile of the file by XYZ address, decoded.
    private static Dictionary<(long X, long Y), uint[]> ReadTiles(string path)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT tile_column, tile_row, tile_data FROM tiles";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<(long, long), uint[]>();
        while (reader.Read())
            result.Add((reader.GetInt64(0), (1L << Zoom) - 1 - reader.GetInt64(1)), TestPng.Decode((byte[])reader[2]).Pixels);
        return result;
    }
}
