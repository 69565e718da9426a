using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Mesa.Gpu;

/// <summary>An open ILGPU accelerator of the chosen kind and the context that owns it.</summary>
public sealed class GpuDevice : IDisposable
{
    private readonly Context _context;

    private GpuDevice(Context context, Accelerator accelerator, string description)
    {
        _context = context;
        Accelerator = accelerator;
        Description = description;
    }

    public Accelerator Accelerator { get; }

    /// <summary>The accelerator as manifest.json and the log name it: <c>cuda NAME</c> or <c>ilgpu-cpu</c>.</summary>
    public string Description { get; }

    /// <summary>Opens the first CUDA device, or ILGPU's CPU accelerator when <paramref name="kind"/> asks for it.</summary>
    /// <exception cref="GpuUnavailableException">No CUDA device (no driver, no GPU), or it fails to open.</exception>
    public static GpuDevice Open(GpuAccelerator kind)
    {
        Context? context = null;
        try
        {
            if (kind == GpuAccelerator.Cpu)
            {
                context = Context.Create(builder => builder.CPU());
                return new GpuDevice(context, context.CreateCPUAccelerator(0), "ilgpu-cpu");
            }
            context = Context.Create(builder => builder.Cuda());
            var devices = context.GetCudaDevices();
            if (devices.Count == 0) throw new GpuUnavailableException("no CUDA device found");
            var accelerator = devices[0].CreateCudaAccelerator(context);
            return new GpuDevice(context, accelerator, $"cuda {devices[0].Name}");
        }
        catch (Exception e) when (e is not GpuUnavailableException && e is DllNotFoundException or TypeInitializationException or NotSupportedException or CudaException or InvalidOperationException or AcceleratorException)
        {
            context?.Dispose();
            throw new GpuUnavailableException($"the CUDA device cannot be opened: {e.Message}", e);
        }
        catch
        {
            context?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
