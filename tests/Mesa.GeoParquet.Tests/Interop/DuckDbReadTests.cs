namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>duckdb-read.mjs reads every fixture back exactly as the source table was.</summary>
[Collection(InteropCollection.Name)]
public sealed class DuckDbReadTests(DuckDbFixtures fixtures)
{
    [Fact]
    public void DuckDb_reads_every_fixture_back_as_expected()
    {
        foreach (var name in fixtures.Names)
        {
            var actual = NodeInterop.RunJsonLines("duckdb-read.mjs", fixtures.ParquetPath(name));
            InteropAssert.RowsEqual(fixtures.Expected(name), actual, $"duckdb-read {name}");
        }
    }
}
