using System.Diagnostics;

namespace Mesa.Server.Operations;

/// <summary>
/// One data disk: its mount, filesystem and space, and a small write/fsync/read of a file in the folder with the time
/// each took, so a disk that is full, read-only or very slow shows before a job finds out.
/// </summary>
public sealed record DiskCheck(
    string Folder,
    string? Mount,
    string? Filesystem,
    long TotalBytes,
    long FreeBytes,
    double? WriteFsyncMs,
    double? ReadMs,
    string? Error)
{
    private const int CheckBytes = 64 * 1024;

    public static DiskCheck Run(string folder)
    {
        var (mount, filesystem) = MountOf(folder);
        var drive = new DriveInfo(folder);
        var file = Path.Combine(folder, $".disk-check-{Guid.NewGuid():N}");
        try
        {
            var data = new byte[CheckBytes];
            Random.Shared.NextBytes(data);
            var watch = Stopwatch.StartNew();
            using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(data);
                // To the device, not the page cache: the latency a checkpoint or an output rename pays.
                stream.Flush(flushToDisk: true);
            }
            var writeMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var back = File.ReadAllBytes(file);
            var readMs = watch.Elapsed.TotalMilliseconds;
            var error = back.AsSpan().SequenceEqual(data) ? null : "the file read back differs from the one written";
            return new DiskCheck(folder, mount, filesystem, drive.TotalSize, drive.AvailableFreeSpace, writeMs, readMs, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DiskCheck(folder, mount, filesystem, drive.TotalSize, drive.AvailableFreeSpace, null, null, e.Message);
        }
        finally
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    /// <summary>The longest mount point in /proc/self/mounts that holds the folder (the last one mounted, when stacked), and its filesystem type.</summary>
    public static (string? Mount, string? Filesystem) MountOf(string folder)
    {
        if (!File.Exists("/proc/self/mounts")) return (null, null);
        var full = Path.GetFullPath(folder);
        var holders = File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 3 && Holds(Unescape(parts[1]), full))
            .Select(parts => (Mount: Unescape(parts[1]), Filesystem: parts[2]))
            .ToList();
        if (holders.Count == 0) return (null, null);
        var longest = holders.Max(h => h.Mount.Length);
        var found = holders.Last(h => h.Mount.Length == longest);
        return (found.Mount, found.Filesystem);
    }

    private static bool Holds(string mount, string path) =>
        mount == "/" || path == mount || path.StartsWith(mount + "/", StringComparison.Ordinal);

    /// <summary>/proc/self/mounts writes spaces and tabs in paths as octal escapes.</summary>
    private static string Unescape(string field) => field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal);
}
