using System.IO.Compression;
using Mesa.Server.Storage;
using Mesa.Server.Uploads;

namespace Mesa.Server.Processing;

/// <summary>
/// The complete MESA package of a finished job, built when the upload was a MESA backup: what MESA's "Restore backup"
/// puts back without loss. It holds config.ini, input/ and qgis/ as uploaded, output/ with the job's results in place
/// of the processed tables, tiles and area statistics (other uploaded outputs kept), then manifest.json and the job's
/// log. Members are named and DEFLATE-compressed (level 6) the way MESA writes its backups.
/// </summary>
public static class MesaBackupPackage
{
    /// <summary>The name a browser saves it under.</summary>
    public static string DownloadName(string jobId) => $"mesa-backup-{jobId}.zip";

    /// <exception cref="WorkloadArchiveException">The upload can no longer be read; no package is left behind.</exception>
    public static void Build(string uploadZip, string outputFolder, string packagePath, IEnumerable<JobLogLine> log)
    {
        var partial = packagePath + JobLogFile.PartialSuffix;
        File.Delete(partial);
        try
        {
            using (var package = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                CopyKeptMembers(uploadZip, package);
                foreach (var file in Directory.EnumerateFiles(outputFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    package.CreateEntryFromFile(file, Path.GetRelativePath(outputFolder, file).Replace(Path.DirectorySeparatorChar, '/'), CompressionLevel.Optimal);
                JobLogFile.Add(package, log);
            }
            File.Move(partial, packagePath, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Whether the upload is a MESA backup, the only kind a package is built for: a project zip has no input/ to give back.</summary>
    public static bool AppliesTo(string uploadZip)
    {
        using var zip = ZipFile.OpenRead(uploadZip);
        return MesaBackupLayout.IsBackup(zip.Entries.Select(e => e.FullName));
    }

    private static void CopyKeptMembers(string uploadZip, ZipArchive package)
    {
        // Only names of the archive's directory, which passed the path checks at upload, and never beyond their declared sizes.
        Dictionary<string, DeclaredMember> declared;
        using (var directory = ZipFile.OpenRead(uploadZip))
            declared = DeclaredMember.Of(directory, MesaBackupLayout.KeptInPackage);
        var copied = ArchiveMembers.Read(uploadZip, declared.ContainsKey, (name, source) =>
        {
            using var target = package.CreateEntry(name, CompressionLevel.Optimal).Open();
            BoundedCopy.Copy(source, target, name, declared[name], declared[name].Length);
        });
        foreach (var missing in declared.Keys.Where(n => !copied.Contains(n)))
            throw new WorkloadArchiveException($"{missing}: listed in the archive's directory but its data cannot be found (damaged archive?).");
    }
}
