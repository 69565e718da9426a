using ILGPU;
using ILGPU.Runtime.Cuda;

namespace Mesa.Gpu;

/// <summary>A CUDA device as ILGPU sees it: model, memory and the CUDA version its driver offers.</summary>
public sealed record GpuFacts(string Name, long MemoryBytes, string CudaDriverVersion, string Architecture)
{
    /// <summary>The CUDA devices of this machine; none (never an exception) without a driver or a GPU.</summary>
    public static IReadOnlyList<GpuFacts> Detect()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            var devices = context.GetCudaDevices();
            var facts = new List<GpuFacts>(devices.Count);
            foreach (var device in devices) facts.Add(Of(device));
            return facts;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or CudaException or InvalidOperationException)
        {
            return [];
        }
    }

    internal static GpuFacts Of(CudaDevice device) =>
        new(device.Name, device.MemorySize, $"{device.DriverVersion.Major}.{device.DriverVersion.Minor}", device.Architecture?.ToString() ?? "unknown");
}
