using ILGPU;
using ILGPU.Runtime;

namespace Mesa.Gpu;

/// <summary>
/// Readiness's GPU check: a tiny kernel with a known answer (the squares of 0..255) on the configured
/// accelerator. Null when the answer comes back right, else what went wrong in one line.
/// </summary>
public static class GpuSmokeTest
{
    private const int Length = 256;

    public static string? Run(GpuAccelerator kind)
    {
        try
        {
            using var device = GpuDevice.Open(kind);
            var square = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<long>>(Square);
            using var values = device.Accelerator.Allocate1D<long>(Length);
            square(Length, values.View);
            device.Accelerator.Synchronize();
            var answer = values.GetAsArray1D();
            for (var i = 0; i < Length; i++)
                if (answer[i] != (long)i * i) return $"the GPU smoke test on {device.Description} computed {answer[i]} for {i} squared";
            return null;
        }
        catch (GpuUnavailableException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is AcceleratorException or InvalidOperationException or NotSupportedException)
        {
            return $"the GPU smoke test failed: {e.Message}";
        }
    }

    private static void Square(Index1D index, ArrayView<long> values) => values[index] = (long)index.X * index.X;
}
