using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Schema;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Tests.Geo;

/// <summary>GeoParquet 1.1 "geo" metadata and WKB geometries, written and read back.</summary>
public sealed class GeoParquetTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly WKTReader Wkt = new(NetTopologySuite.NtsGeometryServices.Instance);

    [Fact]
    public void Geometries_and_geo_metadata_round_trip()
    {
        var geometries = new Geometry?[]
        {
            Wkt.Read("POLYGON ((10 60, 11 60, 11 61, 10 61, 10 60), (10.2 60.2, 10.4 60.2, 10.4 60.4, 10.2 60.2))"),
            Wkt.Read("MULTIPOLYGON (((5 58, 6 58, 6 59, 5 58)), ((-3 70.5, -2 70.5, -2 71, -3 70.5)))"),
            null,
            Wkt.Read("LINESTRING (4.5 62, 8.25 63.75)"),
        };
        var schema = new ParquetSchema(ColumnDescriptor.Int32("id", nullable: false), ColumnDescriptor.Binary("geometry"));
        using var stream = new MemoryStream();
        using (var writer = new GeoParquetWriter(stream, schema, leaveOpen: true))
            writer.WriteRowGroup(new RowBatch(schema, [new PrimitiveColumn<int>(schema.Columns[0], [1, 2, 3, 4]), GeoParquetWriter.ToWkbColumn(schema.Columns[1], geometries)]));

        stream.Position = 0;
        using var reader = ParquetReader.Open(stream, "geo.parquet");
        var geo = GeoParquetFile.ReadMetadata(reader)!;
        Assert.Equal("1.1.0", geo.Version);
        Assert.Equal("geometry", geo.PrimaryColumn);
        Assert.Equal("WKB", geo.Primary.Encoding);
        Assert.Equal("EPSG:4326", geo.Primary.CrsCode);
        Assert.True(geo.Primary.IsWgs84);
        Assert.Equal(["LineString", "MultiPolygon", "Polygon"], geo.Primary.GeometryTypes.Order());
        Assert.Equal([-3, 58, 11, 71], geo.Primary.Bbox!);

        var read = GeoParquetFile.ReadGeometries((BinaryColumn)reader.ReadRowGroup(0)["geometry"], Factory);
        for (var i = 0; i < geometries.Length; i++)
        {
            if (geometries[i] is null) Assert.Null(read[i]);
            else Assert.True(geometries[i]!.EqualsExact(read[i]), $"row {i}: {read[i]}");
        }
    }

    [Fact]
    public void Omitted_crs_means_ogc_crs84_and_null_crs_means_unknown()
    {
        var omitted = GeoMetadata.Parse("""{"version":"1.1.0","primary_column":"g","columns":{"g":{"encoding":"WKB","geometry_types":[]}}}""", "f");
        Assert.Equal("OGC:CRS84", omitted.Primary.CrsCode);
        Assert.True(omitted.Primary.IsWgs84);
        var unknown = GeoMetadata.Parse("""{"version":"1.1.0","primary_column":"g","columns":{"g":{"encoding":"WKB","geometry_types":[],"crs":null}}}""", "f");
        Assert.Null(unknown.Primary.CrsCode);
        Assert.False(unknown.Primary.IsWgs84);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"version":"1.1.0","primary_column":"g"}""", "'columns'")]
    [InlineData("""{"version":"1.1.0","primary_column":"x","columns":{"g":{"encoding":"WKB"}}}""", "'x'")]
    [InlineData("""{"version":"1.1.0","primary_column":"g","columns":{"g":{"encoding":"WKB","bbox":[1,2,3]}}}""", "bbox")]
    public void Broken_geo_metadata_is_reported_with_the_file_name(string json, string expected)
    {
        var error = Assert.Throws<ParquetFormatException>(() => GeoMetadata.Parse(json, "upload/tbl_asset_object.parquet"));
        Assert.Contains("upload/tbl_asset_object.parquet", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Invalid_wkb_names_column_and_row()
    {
        var descriptor = ColumnDescriptor.Binary("geometry");
        var column = BinaryColumn.FromBytes(descriptor, [new WKBWriter().Write(Factory.CreatePoint(new Coordinate(1, 2))), [1, 3, 0, 0, 0, 9]]);
        var error = Assert.Throws<ParquetFormatException>(() => GeoParquetFile.ReadGeometries(column));
        Assert.Contains("'geometry', row 1", error.Message);
    }
}
