using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using Mesa.Cluster.State;
using Mesa.Server.Cluster;
using Mesa.Server.Endpoints;
using Mesa.Server.Operations;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>
/// The live view the console's server page shows: OS, CPU, memory, disk, state store, GPU (nvidia-smi, and the CUDA
/// devices as ILGPU sees them), storage use, cluster nodes. The recorded environment probe with its history is <see cref="ServerInfoEndpoints"/>.
/// </summary>
public static class ServerFacts
{
    public static async Task<object> CollectAsync(DataFolder folder, StateDatabase database, IGrainFactory grains, LocalNode node, TimeProvider clock)
    {
        var drive = new DriveInfo(folder.Root);
        var host = HostFacts.Collect();
        using var connection = database.Open();
        return new
        {
            os = host.Os,
            kernel = host.Kernel,
            architecture = host.Architecture,
            runtime = RuntimeInformation.FrameworkDescription,
            cpu = new { model = host.CpuModel, cores = host.Cores },
            memory = new { total_bytes = host.MemoryTotalBytes, available_bytes = host.MemoryAvailableBytes, server_process_bytes = Environment.WorkingSet },
            disk = new { path = folder.Root, filesystem = drive.DriveFormat, total_bytes = drive.TotalSize, free_bytes = drive.AvailableFreeSpace },
            storage = new
            {
                data_folder_bytes = FolderBytes(folder.Root),
                jobs_folder_bytes = FolderBytes(folder.Jobs),
                state_database_bytes = File.Exists(folder.StateDatabase) ? new FileInfo(folder.StateDatabase).Length : (long?)null,
            },
            state_store = StateStoreFacts(database.Store.Provider, connection),
            gpus = GpuQuery.Run().Gpus,
            cuda_devices = node.Gpus.Select(g => new { name = g.Name, memory_bytes = g.MemoryBytes, cuda_driver_version = g.CudaDriverVersion, architecture = g.Architecture }),
            cluster = await ClusterEndpoints.SnapshotAsync(grains, clock),
        };
    }

    private static object StateStoreFacts(StateProvider provider, DbConnection connection) => provider == StateProvider.Postgres
        ? new
        {
            kind = "postgres",
            version = connection.ExecuteScalar<string>("SELECT version()"),
            postgis = connection.ExecuteScalar<string?>("SELECT extversion FROM pg_extension WHERE extname = 'postgis'"),
            database_bytes = connection.ExecuteScalar<long>("SELECT pg_database_size(current_database())"),
        }
        : new { kind = "sqlite", version = connection.ExecuteScalar<string>("SELECT sqlite_version()"), postgis = (string?)null, database_bytes = (long?)null };

    private static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
