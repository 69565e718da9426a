using System.Text.RegularExpressions;

namespace Mesa.Server.Operations;

/// <summary>
/// The GPUs nvidia-smi sees (model, memory, driver) and the CUDA version the driver offers. No nvidia-smi, or one that
/// fails, means no usable GPU: <see cref="Gpus"/> is empty and <see cref="Error"/> says why when it ran and failed.
/// </summary>
public sealed partial record GpuQuery(IReadOnlyList<GpuQuery.Gpu> Gpus, string? Driver, string? CudaVersion, string? Error)
{
    public sealed record Gpu(string Name, string? MemoryTotal, string? Driver);

    public static GpuQuery Run()
    {
        var (query, queryError) = NvidiaSmi.Run("--query-gpu=name,memory.total,driver_version --format=csv,noheader");
        if (query is null) return new GpuQuery([], null, null, queryError);
        var gpus = query.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Select(parts => new Gpu(parts[0], parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2)))
            .ToList();
        // The plain nvidia-smi header names the CUDA version; /proc/driver/nvidia/version has only the driver's.
        var (header, _) = NvidiaSmi.Run("");
        var cuda = header is null ? null : CudaPattern().Match(header) is { Success: true } match ? match.Groups[1].Value : null;
        return new GpuQuery(gpus, gpus.FirstOrDefault()?.Driver ?? KernelModuleDriver(), cuda, null);
    }

    private static string? KernelModuleDriver()
    {
        const string path = "/proc/driver/nvidia/version";
        return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
    }

    [GeneratedRegex(@"CUDA Version:\s*([0-9.]+)")]
    private static partial Regex CudaPattern();
}
