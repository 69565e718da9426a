using Mesa.Cluster.State;
using Mesa.PostGis;
using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// Probes this node's environment (machine, data disks, PostgreSQL and PostGIS, GPU, software) and records the result
/// in <see cref="ServerInfoLog"/>: once at start-up and whenever an admin asks.
/// </summary>
public sealed class EnvironmentProbe(DataFolder folder, ILocalSiloDetails silo, ServerInfoLog log, IOptions<MesaOptions> options, TimeProvider clock,
    ILogger<EnvironmentProbe> logger)
{
    public string Node => SiloKey.Of(silo.SiloAddress);

    public async Task<ServerInfo> ProbeAsync(CancellationToken cancellation)
    {
        var settings = options.Value;
        var info = new ServerInfo(
            clock.GetUtcNow(),
            Node,
            HostFacts.Collect(),
            DataDisks(),
            StateProviders.Parse(settings.State.Provider).ToString().ToLowerInvariant(),
            settings.Processing.Engine,
            await PostgresAsync(settings, cancellation),
            GpuQuery.Run(),
            PackageVersions.Collect());
        log.Record(info);
        logger.LogInformation("Environment probe: {Os}, kernel {Kernel}, {Cores} cores, {Disks} data disk(s), {Postgres} PostgreSQL database(s), {Gpus} GPU(s)",
            info.Host.Os, info.Host.Kernel, info.Host.Cores, info.Disks.Count, info.Postgres.Count, info.Gpu.Gpus.Count);
        return info;
    }

    /// <summary>The data folder, and the jobs folder when it lies on a disk of its own (a mount or a link elsewhere).</summary>
    private List<DiskCheck> DataDisks() =>
        new[] { folder.Root, folder.Jobs }
            .DistinctBy(path => DiskCheck.MountOf(ResolvedFolder(path)).Mount ?? path)
            .Select(DiskCheck.Run)
            .ToList();

    private static string ResolvedFolder(string path) => new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static async Task<List<PostgresFacts>> PostgresAsync(MesaOptions settings, CancellationToken cancellation)
    {
        var databases = new List<PostgresFacts>();
        if (StateProviders.Parse(settings.State.Provider) == StateProvider.Postgres)
            databases.Add(await PostgresFacts.CollectAsync("state store", settings.State.ConnectionString ?? "", cancellation));
        if (EngineChoice.Parse(settings.Processing.Engine).NeedsPostGis && settings.Processing.PostGisConnectionString is { Length: > 0 } postgis)
            databases.Add(await PostgresFacts.CollectAsync("postgis engine", postgis, cancellation));
        return databases;
    }
}
