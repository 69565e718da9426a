using System.Diagnostics;
using System.Security.Cryptography;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// MESA projects with everything a real one holds around the processed tables (input data, tiles, reports, the basemap
/// cache, the pipeline lock, an AI token), and MESA's own backup and restore of them (Support/mesa_backup.py, Python's
/// zipfile as in mesa.py).
/// </summary>
public static class MesaBackups
{
    /// <summary>A member of <see cref="ProjectFolder"/> whose stale copy a job's results must replace.</summary>
    public const string StaleStackedPart = "output/geoparquet/tbl_stacked/part-0-old.parquet";
    public const string StaleTiles = "output/mbtiles/old_layer_sensitivity.mbtiles";
    public const string OtherOutput = "output/geoparquet/tbl_lines.parquet";
    public const string Report = "output/reports/report_2026.docx";
    public const string Cache = "output/cache/basemap/6/33/18.png";
    public const string Lock = "output/.pipeline.lock";
    public const string AiToken = "secrets/ai_connection.parquet";
    public static readonly string[] InputFiles = ["input/asset/coast.gpkg", "input/geocode/grid.gpkg", "input/images/logo.png"];

    /// <summary>The worked example as a MESA 5.6 project that was processed before (stale results beside the input tables).</summary>
    public static string ProjectFolder()
    {
        var folder = Workloads.WorkedExampleFolder();
        var config = WorkloadFiles.PathIn(folder, WorkloadFiles.Config);
        File.WriteAllText(config, File.ReadAllText(config).Replace("[DEFAULT]\n", "[DEFAULT]\nmesa_version = 5.6.0\n"));
        var random = new Random(16);
        foreach (var name in InputFiles.Append(OtherOutput).Append(Report).Append(AiToken))
            Write(folder, name, Bytes(random, 20_000));
        foreach (var name in new[] { StaleStackedPart, StaleTiles, OutputFiles.Flat, OutputFiles.AreaStats, Cache, Lock })
            Write(folder, name, Bytes(random, 5_000));
        return folder;
    }

    /// <summary>MESA's backup of <paramref name="project"/>: DEFLATE level 6 or LZMA; <paramref name="flags"/> as mesa_backup.py takes them.</summary>
    public static byte[] Create(string project, bool lzma, params string[] flags)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"mesa-backup-{Guid.NewGuid():N}.zip");
        try
        {
            Python(["create", project, zip, .. flags, .. lzma ? new[] { "--lzma" } : []]);
            return File.ReadAllBytes(zip);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>MESA's "Restore backup" of <paramref name="zip"/> into <paramref name="project"/>.</summary>
    public static void Restore(string project, byte[] zip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mesa-restore-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, zip);
        try
        {
            Python(["restore", project, path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The members of a zip as Python's zipfile lists them: name, compression method (8 DEFLATE, 14 LZMA), size.</summary>
    public static IReadOnlyList<(string Name, int Method, long Size)> Members(byte[] zip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mesa-members-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, zip);
        try
        {
            return Python(["members", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t')).Select(f => (f[0], int.Parse(f[1]), long.Parse(f[2]))).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every file under <paramref name="folder"/> with its SHA-256, by '/'-separated relative path.</summary>
    public static SortedDictionary<string, string> Hashes(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    private static string Python(string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "mesa_backup.py"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"mesa_backup.py {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}");
        return stdout.Result;
    }

    private static void Write(string folder, string name, byte[] content)
    {
        var path = WorkloadFiles.PathIn(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
