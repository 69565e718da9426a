using System.IO.Compression;
using Mesa.Server.Configuration;
using Mesa.Processing.Workload;

namespace Mesa.Server.Uploads;

/// <summary>
/// Checks an uploaded workload zip against hostile content and unpacks it: entry count, declared and
/// actual uncompressed sizes, compression ratio (zip bombs), entry paths (zip slip), the required
/// tables and their <c>PAR1</c> magic.
/// </summary>
public static class WorkloadArchive
{
    private const long RatioCheckedAbove = 1024 * 1024;
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    /// <exception cref="WorkloadArchiveException">The archive is refused; nothing is left in <paramref name="target"/>.</exception>
    public static void Extract(string zipPath, string target, LimitOptions limits)
    {
        try
        {
            using var zip = Open(zipPath);
            Inspect(zip, limits);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Unpack(zip, Path.GetFullPath(target), limits);
        }
        catch
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            throw;
        }
    }

    private static ZipArchive Open(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new WorkloadArchiveException($"The upload is not a readable zip archive ({e.Message}).");
        }
    }

    private static void Inspect(ZipArchive zip, LimitOptions limits)
    {
        if (zip.Entries.Count > limits.MaxZipEntries)
            throw new WorkloadArchiveException($"The archive has {zip.Entries.Count} entries; at most {limits.MaxZipEntries} are accepted.");
        long declared = 0, compressed = 0;
        foreach (var entry in zip.Entries)
        {
            CheckPath(entry.FullName);
            declared += entry.Length;
            compressed += entry.CompressedLength;
            if (entry.Length > RatioCheckedAbove && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                throw new WorkloadArchiveException($"{entry.FullName}: compression ratio {entry.Length / Math.Max(1, entry.CompressedLength)}:1 exceeds {limits.MaxCompressionRatio}:1 (zip bomb?).");
        }
        if (declared > limits.MaxUncompressedBytes)
            throw new WorkloadArchiveException($"The archive unpacks to {declared} bytes; at most {limits.MaxUncompressedBytes} are accepted.");
        if (declared > RatioCheckedAbove && declared > limits.MaxCompressionRatio * Math.Max(1, compressed))
            throw new WorkloadArchiveException($"The archive's compression ratio {declared / Math.Max(1, compressed)}:1 exceeds {limits.MaxCompressionRatio}:1 (zip bomb?).");
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var required in WorkloadFiles.RequiredTables.Append(WorkloadFiles.Config))
            if (!names.Contains(required))
                throw new WorkloadArchiveException($"{required}: required file is missing from the archive (paths are relative to the MESA project folder).");
    }

    private static void CheckPath(string name)
    {
        var segments = name.TrimEnd('/').Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains(':') || name.Contains('\0')
            || segments.Any(s => s is "" or "." or ".."))
            throw new WorkloadArchiveException($"{name}: entry path is not a plain relative path (absolute, '..', '\\' or drive letters are refused).");
    }

    private static void Unpack(ZipArchive zip, string root, LimitOptions limits)
    {
        long written = 0;
        foreach (var entry in zip.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
            // Belt and braces after CheckPath: nothing may land outside the job's folder.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new WorkloadArchiveException($"{entry.FullName}: entry would unpack outside the workload folder.");
            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            written += CopyBounded(entry, path, Math.Min(entry.Length, limits.MaxUncompressedBytes - written));
            if (entry.FullName.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) CheckParquetMagic(entry.FullName, path);
        }
    }

    // The sizes in the zip directory are claims; the copy stops at them, whatever the stream yields.
    private static long CopyBounded(ZipArchiveEntry entry, string path, long limit)
    {
        using var source = entry.Open();
        using var target = File.Create(path);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > limit)
                throw new WorkloadArchiveException($"{entry.FullName}: unpacks to more than its declared or allowed size.");
            target.Write(buffer, 0, read);
        }
        return total;
    }

    private static void CheckParquetMagic(string name, string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4], tail = stackalloc byte[4];
        if (file.Length < 12 || file.Read(head) != 4 || !head.SequenceEqual(ParquetMagic))
            throw new WorkloadArchiveException($"{name}: not a Parquet file (no PAR1 magic at the start).");
        file.Seek(-4, SeekOrigin.End);
        if (file.Read(tail) != 4 || !tail.SequenceEqual(ParquetMagic))
            throw new WorkloadArchiveException($"{name}: not a complete Parquet file (no PAR1 magic at the end).");
    }
}
