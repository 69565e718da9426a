using System.Text.Json;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>The DuckDB fixtures really cover what the reader cross-checks rely on.</summary>
[Collection(InteropCollection.Name)]
public sealed class FixtureManifestTests(DuckDbFixtures fixtures)
{
    private static string[] Strings(JsonElement entry, string property) =>
        entry.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private IEnumerable<string> AllOf(string property) =>
        fixtures.Fixtures.Values.SelectMany(f => Strings(f, property)).Distinct();

    [Fact]
    public void Every_codec_is_covered()
    {
        Assert.Superset(
            new HashSet<string> { "SNAPPY", "ZSTD", "GZIP", "BROTLI", "LZ4_RAW", "UNCOMPRESSED" },
            AllOf("codecs").ToHashSet());
    }

    [Fact]
    public void V1_and_v2_writer_encodings_are_covered()
    {
        Assert.Superset(
            new HashSet<string>
            {
                "PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT",
            },
            AllOf("page_encodings").ToHashSet());
        foreach (var (name, entry) in fixtures.Fixtures.Where(f => f.Value.GetProperty("parquet_version").GetString() == "V2"))
        {
            Assert.Equal(2, entry.GetProperty("format_version").GetInt32());
            Assert.Contains("DELTA_BINARY_PACKED", Strings(entry, "page_encodings"));
        }
    }

    [Fact]
    public void Dictionary_fixtures_have_dictionary_pages()
    {
        Assert.Contains("DICTIONARY_PAGE", Strings(fixtures.Fixtures["dictionary_v1"], "page_types"));
        Assert.Contains("PLAIN_DICTIONARY", Strings(fixtures.Fixtures["dictionary_v1"], "page_encodings"));
        Assert.Contains("RLE_DICTIONARY", Strings(fixtures.Fixtures["dictionary_v2"], "page_encodings"));
    }

    [Fact]
    public void Larger_fixtures_span_many_row_groups()
    {
        foreach (var name in new[] { "codec_snappy", "encodings_v2", "dictionary_v1", "types_v1" })
        {
            Assert.True(fixtures.Fixtures[name].GetProperty("row_groups").GetInt32() >= 2, $"{name} has one row group");
        }
    }

    [Fact]
    public void Expected_files_match_the_manifest_row_counts()
    {
        foreach (var name in fixtures.Names)
        {
            var rows = fixtures.Expected(name);
            Assert.Equal(fixtures.Fixtures[name].GetProperty("rows").GetInt32(), rows.Count);
            Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => i.ToString()), rows.Select(r => r["id"]));
        }
        Assert.Empty(fixtures.Expected("empty"));
    }

    [Fact]
    public void Every_type_column_has_nulls_and_values()
    {
        var rows = fixtures.Expected("types_v1");
        foreach (var column in rows[0].Keys.Where(k => k != "id"))
        {
            Assert.Contains(rows, r => r[column] is null);
            Assert.Contains(rows, r => r[column] is not null);
        }
    }

    [Fact]
    public void Geo_fixtures_carry_geoparquet_metadata()
    {
        foreach (var name in new[] { "geo_wkb_kv", "geo_native" })
        {
            Assert.Contains("geo", Strings(fixtures.Fixtures[name], "kv_keys"));
            Assert.Contains(fixtures.Expected(name), r => r["geometry"]?.StartsWith("0101000000", StringComparison.Ordinal) == true);
        }
    }
}
