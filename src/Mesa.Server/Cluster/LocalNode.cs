using System.Reflection;
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

    public bool Gpu { get; } = options.Value.Cluster.Gpu ?? File.Exists("/dev/nvidia0");

    public bool AcceptsJobs { get; } = options.Value.Processing.DispatcherEnabled;

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    /// <summary>The HTTP base URL, for the cluster view; null until the server listens.</summary>
    public string? Address { get; set; }
}
