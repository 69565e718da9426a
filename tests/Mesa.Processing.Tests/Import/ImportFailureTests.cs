using Mesa.Processing.Geodesy;
using Mesa.Processing.Import;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Import;

public sealed class ImportFailureTests : IDisposable
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly string CoastalSettings = Path.Combine(SampleData.Folder("coastal_zone"), "settings.xlsx");
    private static readonly string CoastalGeoPackage = Path.Combine(SampleData.Folder("coastal_zone"), "coastal_zone.gpkg");

    private readonly string _dir = Directory.CreateTempSubdirectory("mesa-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Truncated_geopackage_names_the_file()
    {
        var path = Path.Combine(_dir, "truncated.gpkg");
        File.WriteAllBytes(path, File.ReadAllBytes(CoastalGeoPackage)[..20_000]);

        var error = Assert.Throws<ImportException>(() => Import(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_sqlite_names_the_file()
    {
        var path = Path.Combine(_dir, "text.gpkg");
        File.WriteAllText(path, "this is not a GeoPackage at all, just some text that is long enough to look like a header page");

        var error = Assert.Throws<ImportException>(() => Import(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Missing_files_are_named()
    {
        var gpkg = Path.Combine(_dir, "absent.gpkg");
        Assert.Contains(gpkg, Assert.Throws<ImportException>(() => AssetImporter.Import(gpkg, CoastalSettings)).Message);
        var xlsx = Path.Combine(_dir, "absent.xlsx");
        Assert.Contains(xlsx, Assert.Throws<ImportException>(() => AssetImporter.Import(CoastalGeoPackage, xlsx)).Message);
    }

    [Fact]
    public void A_corrupt_geometry_blob_names_file_layer_and_fid()
    {
        var path = new TestGeoPackage()
            .AddRawLayer("Coral reef", 4326, TestGeoPackage.Blob(Wgs84.CreatePoint(new Coordinate(39.2, -6.2))), [(byte)'G', (byte)'P', 0, 1, 0x10, 0x10, 0, 0, 1, 3])
            .Write(Path.Combine(_dir, "corrupt.gpkg"));

        var error = Assert.Throws<ImportException>(() => Import(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'Coral reef'", error.Message);
        Assert.Contains("fid 2", error.Message);
    }

    [Fact]
    public void A_settings_workbook_that_is_not_xlsx_names_the_file()
    {
        var xlsx = Path.Combine(_dir, "settings.xlsx");
        File.WriteAllText(xlsx, "id,name_original\n1,Coral reef\n");

        var error = Assert.Throws<ImportException>(() => AssetImporter.Import(CoastalGeoPackage, xlsx));
        Assert.Contains(xlsx, error.Message);
    }

    [Fact]
    public void A_layer_without_a_settings_row_is_named()
    {
        var path = new TestGeoPackage()
            .AddLayer("Coral reef", 4326, Wgs84.CreatePoint(new Coordinate(39.2, -6.2)))
            .AddLayer("Kelp forest", 4326, Wgs84.CreatePoint(new Coordinate(39.3, -6.2)))
            .Write(Path.Combine(_dir, "extra.gpkg"));

        var error = Assert.Throws<ImportException>(() => Import(path));
        Assert.Contains(CoastalSettings, error.Message);
        Assert.Contains("'Kelp forest'", error.Message);
    }

    [Fact]
    public void A_layer_in_a_projected_crs_is_refused_by_name()
    {
        var path = new TestGeoPackage()
            .AddLayer("Mangrove", 32737, new GeometryFactory(new PrecisionModel(), 32737).CreatePoint(new Coordinate(500000, 9300000)))
            .Write(Path.Combine(_dir, "utm.gpkg"));

        var error = Assert.Throws<ImportException>(() => Import(path));
        Assert.Contains("'Mangrove'", error.Message);
        Assert.Contains("EPSG:32737", error.Message);
    }

    [Fact]
    public void Web_mercator_layers_are_inverted_and_points_lines_buffered_nulls_skipped()
    {
        var mercator = new GeometryFactory(new PrecisionModel(), 3857);
        var (x, y) = WebMercator.Forward(39.2, -6.2);
        var path = new TestGeoPackage()
            .AddLayer("Coral reef", 3857, mercator.CreatePoint(new Coordinate(x, y)), null)
            .AddLayer("Shipping lane", 4326, Wgs84.CreateLineString([new(39.2, -6.2), new(39.3, -6.2)]), Wgs84.CreatePolygon())
            .Write(Path.Combine(_dir, "mixed.gpkg"));

        var assets = Import(path);

        Assert.Equal((2, 2, 2), (assets.Objects.Count, assets.BufferedPointsAndLines, assets.SkippedFeatures));
        Assert.Equal(39.2, assets.Objects[0].Geometry.Centroid.X, 1e-9);
        Assert.Equal(-6.2, assets.Objects[0].Geometry.Centroid.Y, 1e-6);
        Assert.Equal([1L, 1L], assets.Groups.Select(g => g.TotalAssetObjects ?? -1));
        Assert.Equal(2, assets.Objects[1].RefAssetGroup);
    }

    [Fact]
    public void Randomly_damaged_geopackages_import_or_fail_with_an_import_error()
    {
        var original = File.ReadAllBytes(CoastalGeoPackage);
        var random = new Random(20240611);
        for (var round = 0; round < 40; round++)
        {
            var damaged = (byte[])original.Clone();
            for (var i = 0; i < 200; i++) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var path = Path.Combine(_dir, $"damaged-{round}.gpkg");
            File.WriteAllBytes(path, damaged);

            var error = Record.Exception(() => Import(path));
            if (error is not null)
            {
                var importError = Assert.IsType<ImportException>(error);
                Assert.Contains(path, importError.Message);
            }
        }
    }

    [Fact]
    public void Randomly_damaged_settings_workbooks_read_or_fail_with_an_import_error()
    {
        var original = File.ReadAllBytes(CoastalSettings);
        var random = new Random(20240612);
        for (var round = 0; round < 200; round++)
        {
            var damaged = (byte[])original.Clone();
            for (var i = 0; i < 4; i++) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var path = Path.Combine(_dir, $"damaged-{round}.xlsx");
            File.WriteAllBytes(path, damaged);

            var error = Record.Exception(() => SettingsWorkbook.Read(path));
            if (error is not null)
            {
                var importError = Assert.IsType<ImportException>(error);
                Assert.Contains(path, importError.Message);
            }
        }
    }

    private static ImportedAssets Import(string gpkg) => AssetImporter.Import(gpkg, CoastalSettings);
}
