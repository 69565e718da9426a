using System.Reflection;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Cluster;

/// <summary>This process as a cluster member: a fresh id per start (a restarted node joins as a new member) and its capabilities.</summary>
public sealed class LocalNode(IOptions<MesaOptions> options, TimeProvider clock)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Version { get; } = options.Value.Cluster.NodeVersion is { Length: > 0 } configured
        ? configured
        : typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public int Cores { get; } = Environment.ProcessorCount;

    public long MemoryBytes { get; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public bool Gpu { get; } = options.Value.Cluster.Gpu ?? File.Exists("/dev/nvidia0");

    public bool AcceptsJobs { get; } = options.Value.Processing.DispatcherEnabled;

    /// <summary>Where the node answers, for the cluster view; filled in once the server listens.</summary>
    public string Address { get; set; } = Environment.MachineName;

    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the node's membership row exists (the dispatcher records its role on that row).</summary>
    public Task Joined => _joined.Task;

    public void MarkJoined() => _joined.TrySetResult();

    public long LeaseUntilMs() => clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)(options.Value.Cluster.LeaseSeconds * 1000);
}
