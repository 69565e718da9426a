using System.Text;
using Mesa.Cli.Tests.Support;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Schema;
using Mesa.Processing.Tests.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.Processing.Workload;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Process;

/// <summary>
/// Workloads that pre-flight must refuse (spec section 1): each gives exit 1 and one stderr line
/// naming the file and, where it applies, the column, never a stack trace.
/// </summary>
public sealed class BadWorkloadTests : IDisposable
{
    private const string Cell = "POLYGON ((10 60, 10.01 60, 10.01 60.01, 10 60.01, 10 60))";
    private const string Geo3857 =
        """{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":["Polygon"],"crs":{"type":"ProjectedCRS","name":"WGS 84 / Pseudo-Mercator","id":{"authority":"EPSG","code":3857}}}}}""";
    private const string GeoWgs84 = """{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":[]}}}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Build(TestWorkloadBuilder? workload = null) => (workload ?? WorkedExampleWorkload.Build()).Build(_folder);

    private CliRunner.Result Process() => CliRunner.Run("process", _folder, "--threads", "1");

    [Fact]
    public void A_missing_asset_object_table()
    {
        Build(WorkedExampleWorkload.Build().Without(WorkloadFiles.AssetObject));
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_object.parquet is missing: the workload must contain " +
            "output/geoparquet/tbl_asset_object.parquet, output/geoparquet/tbl_asset_group.parquet, output/geoparquet/tbl_geocode_object.parquet.");
    }

    [Fact]
    public void A_geocode_table_without_code()
    {
        Build();
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["basic_mosaic"]),
            TestWorkloadBuilder.WkbColumn("geometry", Cell),
        ]);
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_geocode_object.parquet: required column 'code' is missing (columns: ref_geocodegroup, name_gis_geocodegroup, geometry).");
    }

    [Fact]
    public void Importance_stored_as_text()
    {
        Build();
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetGroup,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_assetgroup"), ["layer_001"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("total_asset_objects"), [2]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("importance"), ["5"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("susceptibility"), [5]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("sensitivity"), [25]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_code"), ["A"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_description"), ["Very high"]),
        ]);
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_group.parquet: column 'importance' is BYTE_ARRAY (STRING); expected an integer column (int32/int64, or float/double holding whole numbers).");
    }

    [Fact]
    public void Geometry_that_is_not_WKB()
    {
        Build();
        // A common mistake: WKT text where WKB belongs.
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject, AssetObjects(
            BinaryColumn.FromBytes(ColumnDescriptor.Binary("geometry"), [Encoding.UTF8.GetBytes(WorkedExampleWorkload.Cell(10.0))])), GeoWgs84);
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_object.parquet: column 'geometry', row 0: value is not valid WKB (Geometry type not recognized. GeometryCode: 535).");
    }

    [Fact]
    public void A_cell_whose_geometry_is_not_WKB()
    {
        Build();
        // Cells are decoded while the run streams them, after pre-flight; the second row is cut short.
        var valid = (byte[])TestWorkloadBuilder.WkbColumn("geometry", Cell).GetValue(0)!;
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1", "c2"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1, 1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["basic_mosaic", "basic_mosaic"]),
            BinaryColumn.FromBytes(ColumnDescriptor.Binary("geometry"), [valid, valid[..20]]),
        ], GeoWgs84);
        CliAssert.StoppedWith(Process(),
            "mesa-cloud process: output/geoparquet/tbl_geocode_object.parquet: column 'geometry', row 1: value is not valid WKB (numRings value is too large).");
    }

    [Fact]
    public void An_asset_object_without_id()
    {
        Build();
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [0], defined: [false]),
            .. AssetObjects(TestWorkloadBuilder.WkbColumn("geometry", Cell))[1..],
        ]);
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_object.parquet: column 'id', row 0: value is null but a value is required.");
    }

    [Fact]
    public void Geometry_in_web_mercator()
    {
        Build();
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject, AssetObjects(TestWorkloadBuilder.WkbColumn("geometry", Cell)), Geo3857);
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_object.parquet: column 'geometry' has the wrong CRS (EPSG:3857); MESA workloads must be in EPSG:4326.");
    }

    [Fact]
    public void A_config_ini_that_is_not_an_ini_file()
    {
        Build(WorkedExampleWorkload.Build().WithConfig("this is not a MESA config\n"));
        CliAssert.Refused(Process(),
            "mesa-cloud process: config.ini line 1: 'this is not a MESA config' is outside any [section]; config.ini must start with a section header such as [DEFAULT].");
    }

    [Fact]
    public void A_config_ini_that_is_binary()
    {
        Build();
        File.WriteAllBytes(WorkloadFiles.PathIn(_folder, WorkloadFiles.Config), [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00, 0x81]);
        CliAssert.Refused(Process(), "mesa-cloud process: config.ini: not UTF-8 text (byte 0xFF at offset 4).");
    }

    [Fact]
    public void A_missing_config_ini()
    {
        Build(WorkedExampleWorkload.Build().WithConfig(null));
        CliAssert.Refused(Process(),
            "mesa-cloud process: config.ini is missing: the workload must contain MESA's config.ini beside the output folder.");
    }

    [Fact]
    public void No_assessed_asset_group()
    {
        Build(new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", importance: 0, susceptibility: 0)
            .AddAssetGroup(2, "layer_002", importance: 5, susceptibility: null)
            .AddAssetObject(10, 1, Cell)
            .AddGeocode("c1", "basic_mosaic", Cell));
        CliAssert.Refused(Process(),
            "mesa-cloud process: output/geoparquet/tbl_asset_group.parquet: sensitivity cannot be computed: none of the 2 asset groups has both importance " +
            "and susceptibility in 1..5. Set them in MESA's parameter tool before processing.");
    }

    [Fact]
    public void A_truncated_parquet_file()
    {
        Build();
        var path = WorkloadFiles.PathIn(_folder, WorkloadFiles.GeocodeObject);
        using (var file = File.Open(path, FileMode.Open)) file.SetLength(file.Length / 2);
        CliAssert.Refused(Process(),
            "mesa-cloud process: unreadable Parquet: output/geoparquet/tbl_geocode_object.parquet: cannot read the footer: " +
            "Invalid: Parquet magic bytes not found in footer. Either the file is corrupted or this is not a parquet file.");
    }

    [Fact]
    public void A_parquet_file_with_damaged_pages()
    {
        Build();
        // The footer survives, so the damage shows only when the pages are decoded.
        var path = WorkloadFiles.PathIn(_folder, WorkloadFiles.GeocodeObject);
        using (var file = File.Open(path, FileMode.Open))
        {
            file.Position = 4;
            file.Write(Enumerable.Repeat((byte)0xA5, 64).ToArray());
        }
        CliAssert.StoppedWith(Process(),
            "mesa-cloud process: unreadable Parquet: output/geoparquet/tbl_geocode_object.parquet: column 'code', row group 0: " +
            "Couldn't deserialize thrift: Variable-length int over 10 bytes.");
    }

    [Fact]
    public void A_missing_project_folder()
    {
        var missing = Path.Combine(_folder, "nowhere");
        CliAssert.Refused(CliRunner.Run("process", missing), $"mesa-cloud process: The workload folder '{missing}' does not exist.");
    }

    private static Column[] AssetObjects(Column geometry) =>
    [
        new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [101]),
        BinaryColumn.FromStrings(ColumnDescriptor.String("asset_group_name"), ["layer_001"]),
        BinaryColumn.FromStrings(ColumnDescriptor.String("attributes"), [null]),
        new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_asset_group"), [1]),
        geometry,
    ];
}
