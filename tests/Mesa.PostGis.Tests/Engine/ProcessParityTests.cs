using Mesa.PostGis.Tests.Parity;
using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Synthetic;
using Mesa.Processing.Tests.Import;

namespace Mesa.PostGis.Tests.Engine;

/// <summary>
/// <c>mesa-cloud process</c> on the cpu engine and on the PostGIS engine, as real processes on the same
/// workload: every output file the manifest lists (tbl_stacked, tbl_flat, data extent, segmentation,
/// area_stats.json, MBTiles) must be byte for byte the same.
/// </summary>
public sealed class ProcessParityTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public void Sample_package_gives_the_same_files_on_both_engines(string sample)
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SampleWorkload.Build(SampleData.Folder(sample), CellGridSpec.Parse("hex:1000"), workload);

        AssertSameFiles(workload, "postgis");
    }

    [Fact]
    public void Synthetic_workload_gives_the_same_files_on_both_engines()
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SyntheticWorkload.Generate(workload, new SyntheticOptions(TargetBytes: 2_000_000, Seed: 7, Cells: 20_000));

        AssertSameFiles(workload, "postgis");
    }

    [Fact]
    public void Workload_of_edge_cases_gives_the_same_files_on_both_engines()
    {
        using var workload = QuirkWorkload.Build();

        AssertSameFiles(workload.Build(), "postgis");
    }

    [Fact]
    public void Intersect_in_PostGIS_with_flatten_on_cpu_gives_the_same_files()
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SampleWorkload.Build(SampleData.Folder("river_system"), CellGridSpec.Parse("hex:1000"), workload);

        AssertSameFiles(workload, "intersect=postgis,flatten=cpu");
    }

    private void AssertSameFiles(string workload, string engine)
    {
        var cpu = ProcessRun.Of(workload, Path.Combine(_folder.Path, "cpu"), "cpu");
        var other = ProcessRun.Of(workload, Path.Combine(_folder.Path, "other"), engine);

        Assert.Equal("cpu", cpu.Manifest.Engine);
        Assert.Equal(engine, other.Manifest.Engine);
        Assert.True(cpu.Summary.GetProperty("stacked_rows").GetInt64() > 0, "the workload stacks nothing, so it compares nothing");
        Assert.Equal(cpu.Counts, other.Counts);
        // Path, size and SHA-256 of every file, tbl_stacked parts and MBTiles included.
        Assert.Equal(cpu.Manifest.Files, other.Manifest.Files);
    }
}
