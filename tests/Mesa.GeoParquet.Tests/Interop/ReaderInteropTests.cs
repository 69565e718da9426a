using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>Our reader renders every DuckDB-written fixture (all codecs, dictionary, v2 encodings, many row groups) exactly as DuckDB wrote it.</summary>
[Collection(InteropCollection.Name)]
public sealed class ReaderInteropTests(DuckDbFixtures fixtures)
{
    // The fixture list comes from the node script at run time; these are the names it writes.
    private static readonly string[] Names =
    [
        "types_v1", "types_v2", "codec_snappy", "codec_zstd", "codec_gzip", "codec_brotli", "codec_lz4", "codec_uncompressed",
        "codec_zstd_v2", "encodings_v1", "encodings_v2", "dictionary_v1", "dictionary_v2", "geo_wkb_kv", "geo_native", "empty",
    ];

    public static TheoryData<string> FixtureNames() => new(Names);

    [Fact]
    public void The_theory_covers_every_fixture_the_script_writes() =>
        Assert.Equal(fixtures.Names.Order(), Names.Order());

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Our_reader_reads_the_duckdb_fixture_exactly(string name)
    {
        var actual = ReadCanonical(fixtures.ParquetPath(name));
        InteropAssert.RowsEqual(fixtures.Expected(name), actual, $"Mesa.GeoParquet reading {name}");
    }

    /// <summary>Every cell of the file as <see cref="ValueText"/> renders it, one dictionary per row.</summary>
    internal static List<Dictionary<string, string?>> ReadCanonical(string path)
    {
        using var reader = ParquetReader.Open(path);
        var rows = new List<Dictionary<string, string?>>();
        foreach (var batch in reader.ReadRowGroups())
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var column in batch.Columns)
                    cells[column.Name] = ValueText.Format(column, row);
                rows.Add(cells);
            }
        }
        return rows;
    }
}
