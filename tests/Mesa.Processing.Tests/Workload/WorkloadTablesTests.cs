using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

public sealed class WorkloadTablesTests : IDisposable
{
    private const string Square = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))";

    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-workload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TestWorkloadBuilder Sample() => new TestWorkloadBuilder()
        .AddAssetGroup(1, "layer_001", importance: 5, susceptibility: 5, nameOriginal: "Coral reef", titleFromUser: "Reefs")
        .AddAssetGroup(2, "layer_002", importance: null, susceptibility: 0)
        .AddAssetObject(10, 1, Square, attributes: "{\"a\":1}")
        .AddAssetObject(11, 2, "POINT (0.5 0.5)", attributes: null, process: null)
        .AddGeocode("c1", "basic_mosaic", Square)
        .AddGeocode("c2", "H3_R8", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))");

    [Theory]
    [InlineData(IntegerStorage.Int64)]
    [InlineData(IntegerStorage.Int32)]
    [InlineData(IntegerStorage.Double)]
    public void Reads_every_table_whatever_integer_type_pyarrow_or_pandas_chose(IntegerStorage storage)
    {
        var tables = WorkloadTables.Open(Sample().WithIntegers(storage).AddSetting("tiles_maxzoom", "10").Build(_folder));
        tables.Validate();

        var groups = tables.ReadAssetGroups();
        Assert.Equal(new AssetGroup(1, "Coral reef", "layer_001", "Reefs", 1, 5, 5, 25, "A", "Very high"), groups[0]);
        Assert.Equal(new AssetGroup(2, "layer_002", "layer_002", null, 1, null, 0, 0, "", null), groups[1]);
        Assert.True(groups[0].IsAssessed);
        Assert.False(groups[1].IsAssessed);

        var objects = tables.ReadAssetObjects();
        Assert.Equal([10L, 11L], objects.Select(o => o.Id));
        Assert.Equal(("Coral reef", "{\"a\":1}", (bool?)true, 1L), (objects[0].AssetGroupName, objects[0].Attributes, objects[0].Process, objects[0].RefAssetGroup));
        Assert.Equal(Square, objects[0].Geometry.AsText());
        Assert.Equal(4326, objects[0].Geometry.SRID);
        Assert.Equal((null, (bool?)null), (objects[1].Attributes, objects[1].Process));
        Assert.Equal("POINT (0.5 0.5)", objects[1].Geometry.AsText());

        var geocodes = tables.ReadGeocodeObjects().SelectMany(b => b).ToList();
        Assert.Equal([("c1", 1L, "basic_mosaic"), ("c2", 2L, "H3_R8")], geocodes.Select(g => (g.Code, g.RefGeocodeGroup, g.NameGisGeocodeGroup)));
        Assert.Equal(Square, geocodes[0].Geometry.AsText());

        Assert.Equal([new Setting("tiles_maxzoom", "10")], tables.ReadSettings());
    }

    [Fact]
    public void Geocode_objects_stream_one_row_group_at_a_time()
    {
        var builder = new TestWorkloadBuilder().AddAssetGroup(1, "layer_001", 1, 1).WithRowGroupSize(2);
        for (var i = 0; i < 5; i++) builder.AddGeocode($"c{i}", "QDGC_L6", $"POLYGON (({i} 0, {i + 1} 0, {i + 1} 1, {i} 1, {i} 0))");
        var tables = WorkloadTables.Open(builder.Build(_folder));
        Assert.Equal(5, tables.CountGeocodeObjects());
        var batches = tables.ReadGeocodeObjects().ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], batches.SelectMany(b => b).Select(g => g.Code));
        Assert.Empty(tables.ReadSettings());
    }

    [Fact]
    public void A_cell_of_one_ring_keeps_its_ring_and_makes_the_same_polygon_the_reader_would_when_asked()
    {
        const string withHole = "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))";
        const string two = "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))";
        var tables = WorkloadTables.Open(Sample()
            .AddGeocode("c3", "basic_mosaic", withHole)
            .AddGeocode("c4", "basic_mosaic", two)
            .Build(_folder));

        var cells = tables.ReadGeocodeObjects().SelectMany(b => b).ToList();
        var reader = new NetTopologySuite.IO.WKBReader { HandleSRID = false };
        foreach (var cell in cells)
        {
            var expected = reader.Read(cell.Wkb);
            Assert.True(expected.EqualsExact(cell.Geometry), cell.Code);
            Assert.Equal(4326, cell.Geometry.SRID);
            Assert.Same(cell.Geometry, cell.Geometry);
            Assert.Equal(expected.EnvelopeInternal, cell.Envelope);
            Assert.Equal((expected.Coordinate.X, expected.Coordinate.Y), cell.FirstVertex());
            Assert.False(cell.IsEmpty);
        }
        // The two squares are single rings, kept as read; the polygon with a hole and the multipolygon are not.
        Assert.Equal([true, true, false, false], cells.Select(c => c.Shell is not null));
        Assert.Equal([0.0, 1.0, 1.0, 0.0, 0.0], cells[0].Shell!.ToCoordinateArray().Select(c => c.X));
    }

    [Fact]
    public void A_null_geometry_reads_as_an_empty_geometry()
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["basic_mosaic"]),
            TestWorkloadBuilder.WkbColumn("geometry", [null]),
        ]);
        var cell = Assert.Single(tables.ReadGeocodeObjects().SelectMany(b => b));
        Assert.True(cell.Geometry.IsEmpty);
        Assert.True(cell.IsEmpty);
        Assert.Null(cell.Shell);
    }

    [Fact]
    public void Optional_columns_may_be_absent_or_of_pyarrows_null_type()
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        var nullType = new ColumnDescriptor("title_fromuser", PhysicalType.Int32, new LogicalType(LogicalKind.Unknown));
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetGroup,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_assetgroup"), ["layer_001"]),
            new PrimitiveColumn<int>(nullType, [0], [false]),
            new PrimitiveColumn<int>(ColumnDescriptor.Int32("total_asset_objects"), [3]),
            new PrimitiveColumn<int>(ColumnDescriptor.Int32("importance"), [4]),
            new PrimitiveColumn<int>(ColumnDescriptor.Int32("susceptibility"), [4]),
            new PrimitiveColumn<double>(ColumnDescriptor.Double("sensitivity"), [16.0]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_code"), ["B"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_description"), ["High"]),
        ]);
        Assert.Equal(new AssetGroup(1, null, "layer_001", null, 3, 4, 4, 16, "B", "High"), Assert.Single(tables.ReadAssetGroups()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[]}}}""")]
    [InlineData("""{"version":"1.0.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[],"crs":null}}}""")]
    [InlineData("""{"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[],"crs":"OGC:CRS84"}}}""")]
    [InlineData("""{"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[],"crs":{"id":{"authority":"EPSG","code":4326}}}}}""")]
    public void Geometry_comes_from_the_geo_primary_column_in_WGS84(string? geo)
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        var column = geo is null ? "geometry" : "geom";
        // Without any 'geo' metadata ("" writes none), the column named 'geometry' is read and 4326 assumed.
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["basic_mosaic"]),
            TestWorkloadBuilder.WkbColumn(column, Square),
        ], geo ?? "");
        tables.Validate();
        Assert.Equal(Square, Assert.Single(tables.ReadGeocodeObjects().SelectMany(b => b)).Geometry.AsText());
    }

    [Theory]
    [InlineData("""{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":[],"crs":{"id":{"authority":"EPSG","code":3857}}}}}""", "has the wrong CRS (EPSG:3857)")]
    [InlineData("""{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":[],"crs":{"type":"ProjectedCRS","name":"Local"}}}}""", "has the wrong CRS (a CRS without an identifier)")]
    [InlineData("""{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"point","geometry_types":[]}}}""", "is encoded as 'point'")]
    [InlineData("""{"version":"1.1.0","primary_column":"geometry"}""", "'geo' metadata is unreadable")]
    public void A_geometry_column_that_is_not_WKB_in_WGS84_is_refused(string geo, string expected)
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("asset_group_name"), ["x"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("attributes"), ["x"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_asset_group"), [1]),
            TestWorkloadBuilder.WkbColumn("geometry", Square),
        ], geo);
        var error = Assert.Throws<WorkloadException>(tables.Validate);
        Assert.StartsWith(WorkloadFiles.AssetObject + ": column 'geometry'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(expected, Assert.Throws<WorkloadException>(() => tables.ReadAssetObjects()).Message);
    }

    [Fact]
    public void A_missing_required_table_is_named()
    {
        var error = Assert.Throws<WorkloadException>(() => WorkloadTables.Open(Sample().Without(WorkloadFiles.GeocodeObject).Build(_folder)));
        Assert.StartsWith("output/geoparquet/tbl_geocode_object.parquet is missing", error.Message);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_file()
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("asset_group_name"), ["x"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_asset_group"), [1]),
            TestWorkloadBuilder.WkbColumn("geometry", Square),
        ]);
        var error = Assert.Throws<WorkloadException>(tables.Validate);
        Assert.Equal("output/geoparquet/tbl_asset_object.parquet: required column 'attributes' is missing (columns: id, asset_group_name, ref_asset_group, geometry).", error.Message);
    }

    [Theory]
    [InlineData("importance", "is BYTE_ARRAY (STRING); expected an integer column")]
    [InlineData("sensitivity_code", "is INT64; expected a string column")]
    public void A_column_of_the_wrong_type_is_named_with_both_types(string column, string expected)
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        var columns = new List<Column>
        {
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_assetgroup"), ["layer_001"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("total_asset_objects"), [1]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("susceptibility"), [1]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("sensitivity"), [1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_description"), ["Very low"]),
            column == "importance"
                ? BinaryColumn.FromStrings(ColumnDescriptor.String("importance"), ["high"])
                : new PrimitiveColumn<long>(ColumnDescriptor.Int64("importance"), [1]),
            column == "sensitivity_code"
                ? new PrimitiveColumn<long>(ColumnDescriptor.Int64("sensitivity_code"), [5])
                : BinaryColumn.FromStrings(ColumnDescriptor.String("sensitivity_code"), ["E"]),
        };
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetGroup, columns);
        var error = Assert.Throws<WorkloadException>(tables.Validate);
        Assert.StartsWith($"output/geoparquet/tbl_asset_group.parquet: column '{column}' {expected}", error.Message);
    }

    [Fact]
    public void Bad_values_are_named_with_file_column_and_row()
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject,
        [
            new PrimitiveColumn<double>(ColumnDescriptor.Double("id"), [1, 2.5]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("asset_group_name"), ["x", "y"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("attributes"), ["x", "y"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_asset_group"), [1, 1]),
            TestWorkloadBuilder.WkbColumn("geometry", Square, Square),
        ]);
        Assert.Equal("output/geoparquet/tbl_asset_object.parquet: column 'id', row 1: value 2.5 is not a whole number.",
            Assert.Throws<WorkloadException>(() => tables.ReadAssetObjects()).Message);

        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1", null]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1, 1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["m", "m"]),
            TestWorkloadBuilder.WkbColumn("geometry", Square, Square),
        ]);
        Assert.Equal("output/geoparquet/tbl_geocode_object.parquet: column 'code', row 1: value is null but a value is required.",
            Assert.Throws<WorkloadException>(() => tables.ReadGeocodeObjects().ToList()).Message);
    }

    [Fact]
    public void Invalid_WKB_is_named_with_file_column_and_row()
    {
        var tables = WorkloadTables.Open(Sample().Build(_folder));
        var wkb = TestWorkloadBuilder.WkbColumn("geometry", Square, Square);
        var broken = BinaryColumn.FromBytes(ColumnDescriptor.Binary("geometry"), [wkb.GetValue(0) as byte[], [1, 3, 0, 0, 0, 9]]);
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1", "c2"]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_geocodegroup"), [1, 1]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["m", "m"]),
            broken,
        ], geoMetadata: """{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":[]}}}""");
        var error = Assert.Throws<WorkloadException>(() => tables.ReadGeocodeObjects().ToList());
        Assert.StartsWith("output/geoparquet/tbl_geocode_object.parquet: column 'geometry', row 1: value is not valid WKB", error.Message);
    }

    [Fact]
    public void An_unreadable_parquet_file_is_named()
    {
        var tables = WorkloadTables.Open(Sample().AddSetting("a", "b").Build(_folder));
        File.WriteAllText(WorkloadFiles.PathIn(_folder, WorkloadFiles.Settings), "key,value\na,b\n");
        var error = Assert.Throws<WorkloadException>(tables.ReadSettings);
        Assert.StartsWith("unreadable Parquet: output/geoparquet/tbl_settings.parquet: not a Parquet file", error.Message);
        Assert.IsType<Mesa.GeoParquet.ParquetFormatException>(error.InnerException);
    }
}
