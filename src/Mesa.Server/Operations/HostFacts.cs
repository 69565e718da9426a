using System.Runtime.InteropServices;

namespace Mesa.Server.Operations;

/// <summary>The machine: operating system and kernel, CPU and memory, read from /etc/os-release and /proc where Linux has them.</summary>
public sealed record HostFacts(
    string Os,
    string? Kernel,
    string Architecture,
    string? CpuModel,
    int Cores,
    long? MemoryTotalBytes,
    long? MemoryAvailableBytes)
{
    public static HostFacts Collect()
    {
        var memory = MemInfo();
        return new HostFacts(
            OsRelease() ?? RuntimeInformation.OSDescription,
            FirstLine("/proc/sys/kernel/osrelease"),
            RuntimeInformation.OSArchitecture.ToString(),
            CpuModelName(),
            Environment.ProcessorCount,
            memory.GetValueOrDefault("MemTotal") ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            memory.GetValueOrDefault("MemAvailable"));
    }

    /// <summary>The distribution's own name for itself, e.g. "Ubuntu 24.04.1 LTS".</summary>
    private static string? OsRelease() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;

    private static string? CpuModelName() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    /// <summary>/proc/meminfo's kB values in bytes, by name.</summary>
    private static Dictionary<string, long?> MemInfo()
    {
        var values = new Dictionary<string, long?>();
        if (!File.Exists("/proc/meminfo")) return values;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var parts = line.Split([':', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && long.TryParse(parts[1], out var kib)) values[parts[0]] = kib * 1024;
        }
        return values;
    }

    private static string? FirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
