namespace Mesa.Gpu.Tests;

/// <summary>The readiness smoke test: a tiny kernel's known answer, on ILGPU's CPU accelerator and on CUDA when there is one.</summary>
public sealed class GpuSmokeTestTests
{
    [Fact]
    public void Smoke_test_passes_on_the_CPU_accelerator() => Assert.Null(GpuSmokeTest.Run(GpuAccelerator.Cpu));

    [Fact]
    public void Smoke_test_on_CUDA_passes_with_a_device_and_names_its_absence_without_one()
    {
        var failure = GpuSmokeTest.Run(GpuAccelerator.Cuda);

        if (GpuFacts.Detect().Count == 0) Assert.Equal("no CUDA device found", failure);
        else Assert.Null(failure);
    }
}
