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

    // Arrow's C++ reader (under ParquetSharp) refuses these columns. DuckDB 1.5.5 writes INT32
    // DELTA_BINARY_PACKED with 64-bit arithmetic: in types_v2 c_integer has a block min delta of
    // -3,281,063,070 and miniblocks 33 bits wide, c_uinteger a first value of 3,150,809,088 (the
    // UINT_32 value, not its INT32 bit pattern). The Parquet spec wraps INT32 deltas in 32 bits, so
    // no value fits in fewer; Arrow stops at the block header ("InitBlock EOF"). See docs/parquet.md.
    private static readonly Dictionary<string, string[]> RefusedByArrow = new(StringComparer.Ordinal)
    {
        ["types_v2"] = ["c_integer", "c_uinteger"],
    };

    public static TheoryData<string> FixtureNames() => new(Names);

    public static TheoryData<string, string> RefusedColumns()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, columns) in RefusedByArrow)
            foreach (var column in columns)
                data.Add(name, column);
        return data;
    }

    [Fact]
    public void The_theory_covers_every_fixture_the_script_writes() =>
        Assert.Equal(fixtures.Names.Order(), Names.Order());

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Our_reader_reads_the_duckdb_fixture_exactly(string name)
    {
        var path = fixtures.ParquetPath(name);
        var refused = RefusedByArrow.GetValueOrDefault(name, []);
        using var reader = ParquetReader.Open(path);
        var readable = reader.Schema.Columns.Select(c => c.Name).Except(refused).ToArray();
        var actual = ReadCanonical(reader, readable);
        InteropAssert.RowsEqual(fixtures.Expected(name), actual, $"Mesa.GeoParquet reading {name}", refused.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(RefusedColumns))]
    public void A_column_arrow_refuses_fails_with_one_error_naming_file_and_column(string name, string column)
    {
        var path = fixtures.ParquetPath(name);
        using var reader = ParquetReader.Open(path);
        var error = Assert.Throws<ParquetFormatException>(() => ReadCanonical(reader, [column]));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"column '{column}'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every cell of the file as <see cref="ValueText"/> renders it, one dictionary per row.</summary>
    internal static List<Dictionary<string, string?>> ReadCanonical(string path)
    {
        using var reader = ParquetReader.Open(path);
        return ReadCanonical(reader, null);
    }

    private static List<Dictionary<string, string?>> ReadCanonical(ParquetReader reader, IReadOnlyList<string>? columns)
    {
        var rows = new List<Dictionary<string, string?>>();
        foreach (var batch in reader.ReadRowGroups(columns))
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
