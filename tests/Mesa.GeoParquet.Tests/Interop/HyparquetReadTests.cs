namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>hyparquet, a second independent reader, agrees with DuckDB on every fixture.</summary>
[Collection(InteropCollection.Name)]
public sealed class HyparquetReadTests(DuckDbFixtures fixtures)
{
    // hyparquet 1.31.5 reads the first value of an INT32 DELTA_BINARY_PACKED block as a 32-bit
    // zigzag varint; DuckDB writes a UINT_32 above 2^31 there as a 33-bit one, so every value
    // of that page comes out 2^31 off. DuckDB's reading of the file matches the source table.
    private static readonly Dictionary<string, HashSet<string>> KnownHyparquetBugs = new(StringComparer.Ordinal)
    {
        ["types_v2"] = ["c_uinteger"],
    };

    [Fact]
    public void Hyparquet_agrees_with_duckdb_on_every_fixture()
    {
        foreach (var name in fixtures.Names)
        {
            var path = fixtures.ParquetPath(name);
            var duckdb = NodeInterop.RunJsonLines("duckdb-read.mjs", path);
            var hyparquet = NodeInterop.RunJsonLines("hyparquet-read.mjs", path);
            InteropAssert.RowsEqual(duckdb, hyparquet, $"hyparquet-read vs duckdb-read {name}", KnownHyparquetBugs.GetValueOrDefault(name));
        }
    }

    [Fact]
    public void Known_hyparquet_bug_is_still_there()
    {
        // When this fails hyparquet was fixed: drop the entry from KnownHyparquetBugs.
        var path = fixtures.ParquetPath("types_v2");
        var duckdb = NodeInterop.RunJsonLines("duckdb-read.mjs", path);
        var hyparquet = NodeInterop.RunJsonLines("hyparquet-read.mjs", path);
        Assert.Contains(Enumerable.Range(0, duckdb.Count), i => duckdb[i]["c_uinteger"] != hyparquet[i]["c_uinteger"]);
    }
}
