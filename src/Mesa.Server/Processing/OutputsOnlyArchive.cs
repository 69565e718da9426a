using System.IO.Compression;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>
/// The outputs-only download of a finished job: the output folder (output/..., manifest.json) plus the job's log, for
/// <c>mesa-cloud download</c>, which unzips it over the project. It is not a MESA backup: MESA's restore would delete
/// the project's input/ first (<see cref="MesaBackupPackage"/> is the one for that).
/// </summary>
public static class OutputsOnlyArchive
{
    /// <summary>The name a browser saves it under, chosen so that nobody takes it for a backup to restore.</summary>
    public static string DownloadName(string jobId) => $"mesa-{jobId}-outputs-only-not-a-backup.zip";

    public static void Build(string outputFolder, string zipPath, IEnumerable<JobLogLine> log)
    {
        var partial = zipPath + JobLogFile.PartialSuffix;
        File.Delete(partial);
        // Parquet is already compressed; deflating it again costs time for nothing.
        ZipFile.CreateFromDirectory(outputFolder, partial, CompressionLevel.Fastest, includeBaseDirectory: false);
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Update))
            JobLogFile.Add(zip, log);
        File.Move(partial, zipPath, overwrite: true);
    }
}
