namespace Mesa.Gpu;

/// <summary>
/// Where the gpu engine's kernels run: a CUDA device (the default, and the only choice for production), or
/// ILGPU's CPU accelerator, which runs the same kernels on the CPU so that anyone can check them on a
/// machine without a GPU (CLI <c>--gpu-accelerator cpu</c>, server <c>Mesa:Processing:GpuAccelerator=cpu</c>).
/// </summary>
public enum GpuAccelerator
{
    Cuda,
    Cpu,
}

/// <summary>The accelerator choice as the CLI and configuration write it.</summary>
public static class GpuAccelerators
{
    public const string CudaName = "cuda";

    public const string CpuName = "cpu";

    /// <exception cref="ArgumentException">The text is neither <c>cuda</c> nor <c>cpu</c>.</exception>
    public static GpuAccelerator Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or CudaName => GpuAccelerator.Cuda,
        CpuName => GpuAccelerator.Cpu,
        _ => throw new ArgumentException($"gpu accelerator '{text}' is not one of {CudaName}, {CpuName}"),
    };
}
