using Mesa.Gpu.Tests;
using Mesa.PostGis.Tests.Parity;
using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Synthetic;
using Mesa.Processing.Tests.Import;

namespace Mesa.Gpu.Tests;

/// <summary>
/// <c>mesa-cloud process</c> on the cpu engine and on the gpu engine with its kernels on ILGPU's CPU
/// accelerator (<c>--gpu-accelerator cpu</c>), as real processes on the same workload: every output file
/// the manifest lists must be byte for byte the same, and the device must have decided some pairs itself.
/// </summary>
public sealed class GpuParityTests : IDisposable
{
    private const string GpuOnCpuAccelerator = "intersect=gpu (ilgpu-cpu),flatten=cpu";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public void Sample_package_gives_the_same_files_on_both_engines(string sample)
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SampleWorkload.Build(SampleData.Folder(sample), CellGridSpec.Parse("hex:1000"), workload);

        AssertSameFiles(workload);
    }

    [Fact]
    public void Synthetic_workload_gives_the_same_files_on_both_engines()
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SyntheticWorkload.Generate(workload, new SyntheticOptions(TargetBytes: 2_000_000, Seed: 7, Cells: 20_000));

        AssertSameFiles(workload);
    }

    [Fact]
    public void Workload_of_edge_cases_gives_the_same_files_on_both_engines()
    {
        using var workload = QuirkWorkload.Build();

        AssertSameFiles(workload.Build());
    }

    private void AssertSameFiles(string workload)
    {
        var cpu = GpuProcessRun.Of(workload, Path.Combine(_folder.Path, "cpu"), "--engine", "cpu");
        var gpu = GpuProcessRun.Of(workload, Path.Combine(_folder.Path, "gpu"), "--engine", "gpu", "--gpu-accelerator", "cpu");

        Assert.Equal("cpu", cpu.Manifest.Engine);
        Assert.Equal(GpuOnCpuAccelerator, gpu.Manifest.Engine);
        Assert.True(cpu.Summary.GetProperty("stacked_rows").GetInt64() > 0, "the workload stacks nothing, so it compares nothing");
        var (classified, leftToExactRule) = gpu.DevicePairs();
        Assert.True(classified > leftToExactRule, $"the device decided none of its {classified} pairs, so the parity says nothing about its kernel");
        Assert.Equal(cpu.Counts, gpu.Counts);
        // Path, size and SHA-256 of every file, tbl_stacked parts and MBTiles included.
        Assert.Equal(cpu.Manifest.Files, gpu.Manifest.Files);
    }
}
