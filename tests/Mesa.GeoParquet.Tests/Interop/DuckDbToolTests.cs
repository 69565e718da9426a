namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>duckdb-describe.mjs and duckdb-bench.mjs print what their callers read.</summary>
[Collection(InteropCollection.Name)]
public sealed class DuckDbToolTests(DuckDbFixtures fixtures)
{
    [Fact]
    public void Describe_reports_types_metadata_and_pages()
    {
        var describe = NodeInterop.RunJson("duckdb-describe.mjs", fixtures.ParquetPath("geo_native"));
        Assert.Equal("40", describe.GetProperty("row_count").GetString());
        Assert.Contains(describe.GetProperty("columns").EnumerateArray(),
            c => c.GetProperty("duckdb_type").GetString()!.StartsWith("GEOMETRY", StringComparison.Ordinal));
        Assert.Contains(describe.GetProperty("kv_metadata").EnumerateArray(), kv => kv.GetProperty("key").GetString() == "geo");
        Assert.All(describe.GetProperty("column_chunks").EnumerateArray(), c => Assert.NotEmpty(c.GetProperty("pages").EnumerateArray()));
    }

    [Fact]
    public void Bench_times_reading_and_both_writes()
    {
        var output = Path.Combine(fixtures.Directory, "bench");
        var bench = NodeInterop.RunJson("duckdb-bench.mjs", fixtures.ParquetPath("codec_zstd"), output);
        Assert.Equal(8000, bench.GetProperty("rows").GetInt32());
        foreach (var property in new[] { "read_seconds", "write_zstd_seconds", "write_snappy_seconds" })
        {
            Assert.True(bench.GetProperty(property).GetDouble() > 0, property);
        }
        Assert.True(File.Exists(Path.Combine(output, "bench_zstd.parquet")));
    }
}
