using System.Data.Common;
using Dapper;
using Mesa.Cluster.State;
using Mesa.PostGis;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mesa.Server.Operations;

/// <summary>
/// What <c>/health/ready</c> checks, all of them on every request (a balancer should learn of a full disk within
/// seconds): the state store answers with every shipped migration applied, the data folder is writable, its disk keeps
/// the configured free space, PostGIS answers when the postgis engine is configured, and the GPU passes its smoke test
/// when this node offers one or runs the gpu engine.
/// </summary>
public sealed class Readiness(StateDatabase database, DataFolder folder, FreeDisk disk, GpuReadiness gpu, IOptions<MesaOptions> options)
{
    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellation)
    {
        var checks = new List<ReadinessCheck> { Migrations(), Storage(), new("free_disk", disk.Shortage()) };
        if (EngineChoice.Parse(options.Value.Processing.Engine).NeedsPostGis) checks.Add(await PostGisAsync(cancellation));
        if (gpu.Configured) checks.Add(new("gpu", gpu.Check()));
        return checks;
    }

    private ReadinessCheck Migrations()
    {
        try
        {
            var applied = StateMigrations.Applied(database.Store).ToHashSet();
            var missing = StateMigrations.For(database.Store.Provider).Where(m => !applied.Contains(m.Version)).Select(m => $"{m.Version:D3}_{m.Name}").ToList();
            return new("migrations", missing.Count == 0 ? null : $"the state store lacks migrations {string.Join(", ", missing)}; run 'mesa-cloud db migrate'");
        }
        catch (DbException e)
        {
            return new("migrations", $"the state store does not answer: {e.Message}");
        }
    }

    private ReadinessCheck Storage()
    {
        var probe = Path.Combine(folder.Root, $".ready-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "ok");
            return new("storage", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new("storage", $"the data folder is not writable: {e.Message}");
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }

    private async Task<ReadinessCheck> PostGisAsync(CancellationToken cancellation)
    {
        var connectionString = options.Value.Processing.PostGisConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString)) return new("postgis", "the postgis engine is configured without Mesa:Processing:PostGisConnectionString");
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellation);
            return new("postgis", await PostgresFacts.PostGisFullVersionAsync(connection) is null ? "the PostGIS database has no postgis extension" : null);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            return new("postgis", $"the PostGIS database does not answer: {e.Message}");
        }
    }
}
