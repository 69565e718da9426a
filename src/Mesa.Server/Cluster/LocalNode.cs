using System.Reflection;
using Mesa.Gpu;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Cluster;

/// <summary>This process as a member of the cluster: its version and capabilities, and where its HTTP API answers.</summary>
public sealed class LocalNode(IOptions<MesaOptions> options, TimeProvider clock)
{
    public string Version { get; } = options.Value.Cluster.NodeVersion is { Length: > 0 } configured
        ? configured
        : typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public int Cores { get; } = Environment.ProcessorCount;

    public long MemoryBytes { get; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The CUDA devices ILGPU finds here (model, memory, the CUDA version the driver offers); none without a GPU.</summary>
    public IReadOnlyList<GpuFacts> Gpus { get; } = GpuFacts.Detect();

    /// <summary>Whether this node offers a GPU: as configured, else whether ILGPU finds a CUDA device.</summary>
    public bool Gpu => options.Value.Cluster.Gpu ?? Gpus.Count > 0;

    /// <summary>The first GPU's model, for the cluster view; null without one.</summary>
    public string? GpuModel => Gpus.FirstOrDefault()?.Name;

    public bool AcceptsJobs { get; } = options.Value.Processing.DispatcherEnabled;

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    /// <summary>The HTTP base URL, for the cluster view; null until the server listens.</summary>
    public string? Address { get; set; }
}
