using System.IO.Compression;
using Mesa.Server.Configuration;
using Mesa.Processing.Workload;

namespace Mesa.Server.Uploads;

/// <summary>
/// Checks an uploaded workload zip (a MESA backup archive or a project zip, DEFLATE or LZMA) against hostile content
/// and unpacks what processing reads: entry count, declared and actual uncompressed sizes, compression ratio (zip
/// bombs), entry paths (zip slip), duplicate names, the required tables and their <c>PAR1</c> magic. Tiles, reports,
/// input data and earlier results in a backup stay packed: only the returned package needs them.
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
            Unpack(zip, zipPath, Path.GetFullPath(target), limits);
        }
        catch
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            throw;
        }
    }

    private static ZipArchive Open(string zipPath)
    {
        ZipArchive? zip = null;
        try
        {
            zip = ZipFile.OpenRead(zipPath);
            // The central directory is read on the first use of Entries: a damaged one is refused here too.
            _ = zip.Entries;
            return zip;
        }
        catch (InvalidDataException e)
        {
            zip?.Dispose();
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
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
            if (!names.Add(entry.FullName)) throw new WorkloadArchiveException($"{entry.FullName}: appears twice in the archive.");
        if (MesaBackupLayout.IsBackup(names) && MesaBackupLayout.MissingSteps(names) is { } steps) throw new WorkloadArchiveException(steps);
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

    private static void Unpack(ZipArchive zip, string zipPath, string root, LimitOptions limits)
    {
        var wanted = DeclaredMember.Of(zip, WorkloadFiles.ProcessingInputs.Contains);
        long written = 0;
        var unpacked = ArchiveMembers.Read(zipPath, wanted.ContainsKey, (name, source) =>
        {
            var path = Path.GetFullPath(Path.Combine(root, name));
            // Belt and braces: the names come from our own list, and nothing may land outside the job's folder.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new WorkloadArchiveException($"{name}: entry would unpack outside the workload folder.");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var target = File.Create(path))
                written += BoundedCopy.Copy(source, target, name, wanted[name], limits.MaxUncompressedBytes - written);
            if (name.EndsWith(".parquet", StringComparison.Ordinal)) CheckParquetMagic(name, path);
        });
        foreach (var missing in wanted.Keys.Where(n => !unpacked.Contains(n)))
            throw new WorkloadArchiveException($"{missing}: listed in the archive's directory but its data cannot be found (damaged archive?).");
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
