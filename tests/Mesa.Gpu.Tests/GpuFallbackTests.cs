using Mesa.Gpu.Tests;
using Mesa.PostGis.Tests.Parity;
using Mesa.Processing.Synthetic;

namespace Mesa.Gpu.Tests;

/// <summary>
/// <c>--engine gpu</c> with the default accelerator (CUDA): on a machine without a CUDA device intersect runs
/// on the cpu engine, the log says so and manifest.json names the cpu engine; on a machine with one, the
/// manifest names the device. Either way the files are the cpu engine's.
/// </summary>
public sealed class GpuFallbackTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Gpu_engine_without_a_CUDA_device_runs_intersect_on_the_cpu_engine_and_says_so()
    {
        var workload = Path.Combine(_folder.Path, "workload");
        SyntheticWorkload.Generate(workload, new SyntheticOptions(TargetBytes: 500_000, Seed: 3, Cells: 5_000));

        var cpu = GpuProcessRun.Of(workload, Path.Combine(_folder.Path, "cpu"), "--engine", "cpu", "--no-tiles");
        var gpu = GpuProcessRun.Of(workload, Path.Combine(_folder.Path, "gpu"), "--engine", "gpu", "--no-tiles");

        var devices = GpuFacts.Detect();
        if (devices.Count == 0)
        {
            Assert.Equal("intersect=cpu (gpu unavailable: no CUDA device found),flatten=cpu", gpu.Manifest.Engine);
            Assert.Contains(gpu.LogMessages, m => m.Contains("has no GPU", StringComparison.Ordinal) && m.Contains("runs on the cpu engine", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal($"intersect=gpu (cuda {devices[0].Name}),flatten=cpu", gpu.Manifest.Engine);
        }
        Assert.Equal(cpu.Manifest.Files, gpu.Manifest.Files);
    }
}
