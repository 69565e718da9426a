namespace Mesa.GeoParquet.Tests.Interop;

public sealed class NodeInteropTests
{
    [Fact]
    public void A_failing_script_throws_with_its_stderr()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mesa-missing-{Guid.NewGuid():N}.parquet");
        var e = Assert.Throws<NodeInteropException>(() => NodeInterop.Run("duckdb-read.mjs", [missing]));
        Assert.Contains("exit code 1", e.Message);
        Assert.Contains(missing, e.Message);
    }
}
