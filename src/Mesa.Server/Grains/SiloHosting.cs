using System.Net;
using System.Net.Sockets;
using Mesa.Cluster.State;
using Mesa.Server.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace Mesa.Server.Grains;

/// <summary>
/// The Orleans silo every node hosts beside Kestrel. Embedded (SQLite state): one silo on loopback with in-memory
/// membership and reminders. Production (PostgreSQL state): ADO.NET membership and reminders in the state database
/// (their tables and queries are our migration 006), any number of silos.
/// </summary>
public static class SiloHosting
{
    private const string ServiceId = "mesa-server";

    /// <summary>Settings of the coordination Orleans replaced, with what replaces each.</summary>
    private static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>
    {
        ["Mesa:Cluster:HeartbeatSeconds"] = "Mesa:Cluster:Membership:ProbeTimeoutSeconds (failure detection) and Mesa:Cluster:QueueTickSeconds (queue checks)",
        ["Mesa:Cluster:NodeTimeoutSeconds"] = "Mesa:Cluster:Membership:ProbeTimeoutSeconds and NumMissedProbesLimit",
        ["Mesa:Cluster:LeaseSeconds"] = "Mesa:Cluster:Membership:* (a job's silo is declared dead by Orleans membership)",
        ["Mesa:Processing:PollSeconds"] = "Mesa:Cluster:QueueTickSeconds",
    };

    public static void AddMesaSilo(this WebApplicationBuilder builder, MesaOptions options)
    {
        foreach (var (key, replacement) in Retired)
            if (builder.Configuration[key] is not null)
                throw new InvalidOperationException($"Setting {key} is no longer used (the cluster runs on Orleans); use {replacement} instead.");
        var cluster = options.Cluster;
        var embedded = StateProviders.Parse(options.State.Provider) == StateProvider.Sqlite;
        var port = cluster.SiloPort > 0 ? cluster.SiloPort : FreePort();
        builder.UseOrleans(silo =>
        {
            silo.Configure<OrleansClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ServiceId;
            });
            if (embedded)
            {
                // Loopback only, no gateway: the HTTP API in this process is the silo's only client.
                silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: ServiceId, clusterId: cluster.ClusterId);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Configure<EndpointOptions>(e =>
                {
                    e.SiloPort = port;
                    e.GatewayPort = 0;
                    if (!string.IsNullOrWhiteSpace(cluster.AdvertisedIp)) e.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedIp);
                });
                var connectionString = options.State.ConnectionString ?? "";
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
            }
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                var probe = TimeSpan.FromSeconds(cluster.Membership.ProbeTimeoutSeconds);
                m.ProbeTimeout = probe;
                m.MinProbeTimeout = probe;
                // Room to adapt while this silo itself is degraded (a starved silo should not vote others dead).
                m.MaxProbeTimeout = 4 * probe;
                m.NumMissedProbesLimit = cluster.Membership.NumMissedProbesLimit;
                m.NumVotesForDeathDeclaration = cluster.Membership.NumVotesForDeathDeclaration;
                m.TableRefreshTimeout = TimeSpan.FromSeconds(cluster.Membership.TableRefreshSeconds);
            });
            silo.AddSiloTargetedPlacement();
            silo.AddDashboard(d => d.HideTrace = true);
        });
    }

    /// <summary>Places <see cref="SiloTargetedPlacementAttribute"/> grains on the silo their key names.</summary>
    public static ISiloBuilder AddSiloTargetedPlacement(this ISiloBuilder silo) =>
        silo.ConfigureServices(services => services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
