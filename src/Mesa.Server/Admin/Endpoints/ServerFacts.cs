using System.Data.Common;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Dapper;
using Mesa.Cluster.State;
using Mesa.Server.Endpoints;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The environment the console's server page shows: OS, CPU, memory, disk, state store, GPU (nvidia-smi), storage use, cluster nodes.</summary>
public static class ServerFacts
{
    public static async Task<object> CollectAsync(DataFolder folder, StateDatabase database, IGrainFactory grains, TimeProvider clock)
    {
        var drive = new DriveInfo(folder.Root);
        using var connection = database.Open();
        return new
        {
            os = RuntimeInformation.OSDescription,
            architecture = RuntimeInformation.OSArchitecture.ToString(),
            runtime = RuntimeInformation.FrameworkDescription,
            cpu = new { model = CpuModel(), cores = Environment.ProcessorCount },
            memory = Memory(),
            disk = new { path = folder.Root, filesystem = drive.DriveFormat, total_bytes = drive.TotalSize, free_bytes = drive.AvailableFreeSpace },
            storage = new
            {
                data_folder_bytes = FolderBytes(folder.Root),
                jobs_folder_bytes = FolderBytes(folder.Jobs),
                state_database_bytes = File.Exists(folder.StateDatabase) ? new FileInfo(folder.StateDatabase).Length : (long?)null,
            },
            state_store = StateStoreFacts(database.Store.Provider, connection),
            gpus = Gpus(),
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

    private static string? CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    private static object Memory()
    {
        var info = GC.GetGCMemoryInfo();
        long? available = null;
        if (File.Exists("/proc/meminfo"))
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib)) available = kib * 1024;
        }
        return new { total_bytes = info.TotalAvailableMemoryBytes, available_bytes = available, server_process_bytes = Environment.WorkingSet };
    }

    private static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    /// <summary>One entry per GPU from nvidia-smi; empty when there is none or no driver.</summary>
    private static IReadOnlyList<object> Gpus()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,driver_version,memory.total --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0) return [];
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .Select(parts => (object)new { name = parts[0], driver = parts.ElementAtOrDefault(1), memory = parts.ElementAtOrDefault(2) })
                .ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }
}
