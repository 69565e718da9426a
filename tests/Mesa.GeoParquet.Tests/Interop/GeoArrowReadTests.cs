using System.Text.Json;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Reading;
using Mesa.TestSupport;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>
/// GeoParquet 1.1 GeoArrow-encoded geometry (nested lists of {x, y}) written by DuckDB
/// (tools/interop/duckdb-write-geoarrow.mjs) is read as WKB, by the library and by <c>parquet cat</c>.
/// </summary>
public sealed class GeoArrowReadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesa-geoarrow-").FullName;
    private readonly JsonElement _expected;

    public GeoArrowReadTests() => _expected = NodeInterop.RunJson("duckdb-write-geoarrow.mjs", _directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("point")]
    [InlineData("linestring")]
    [InlineData("polygon")]
    [InlineData("multipoint")]
    [InlineData("multilinestring")]
    [InlineData("multipolygon")]
    public void Every_geoarrow_encoding_reads_as_the_geometries_duckdb_wrote(string encoding)
    {
        var (path, expected) = Fixture(encoding);
        using var reader = ParquetReader.Open(path);
        Assert.Equal(encoding, GeoParquetFile.ReadMetadata(reader)!.Primary.Encoding);
        Assert.Equal(["geometry"], reader.GeoArrowColumns);
        Assert.Equal(["geometry"], GeoParquetFile.WkbColumns(reader, GeoParquetFile.ReadMetadata(reader)));
        var batch = reader.ReadRowGroup(0);
        var geometries = GeoParquetFile.ReadGeometries((BinaryColumn)batch["geometry"]);
        Assert.Equal(expected, geometries.Select(g => g is null ? null : new WKTWriter().Write(g)));
        Assert.Equal([0L, 1L, 2L], ((PrimitiveColumn<long>)batch["id"]).Values);
    }

    [Fact]
    public void Parquet_cat_prints_geoarrow_geometry_as_wkt()
    {
        var (path, expected) = Fixture("multipolygon");
        var result = CliRunner.Run("parquet", "cat", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected[0], lines[0].GetProperty("geometry").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("geometry").ValueKind);
        Assert.Equal(expected[2], lines[2].GetProperty("geometry").GetString());
    }

    [Fact]
    public void A_nested_column_the_geo_metadata_does_not_declare_is_refused_by_name()
    {
        var (path, _) = Fixture("polygon");
        var bytes = File.ReadAllBytes(path);
        // Without its "geo" entry the same nested column is just a list column.
        var renamed = System.Text.Encoding.Latin1.GetString(bytes).Replace("primary_column", "primary_kolumn");
        var stripped = Path.Combine(_directory, "undeclared.parquet");
        File.WriteAllBytes(stripped, System.Text.Encoding.Latin1.GetBytes(renamed));
        var error = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(stripped));
        Assert.Contains("undeclared.parquet", error.Message);
        Assert.Contains("'geometry'", error.Message);
    }

    private (string Path, string?[] Wkt) Fixture(string encoding)
    {
        var entry = _expected.GetProperty(encoding);
        return (entry.GetProperty("file").GetString()!, entry.GetProperty("wkt").EnumerateArray().Select(w => w.ValueKind == JsonValueKind.Null ? null : w.GetString()).ToArray());
    }
}
