using System.IO.Compression;
using System.Security.Cryptography;
using Mesa.Processing.Workload;

namespace Mesa.Cli.Client;

/// <summary>The workload zip a client uploads: the input side of a MESA project folder only (spec section 1).</summary>
internal static class WorkloadZip
{
    /// <summary>Writes the zip and returns its SHA-256 (hex), used as the submission's idempotency key.</summary>
    public static string Create(string projectFolder, string zipPath)
    {
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var name in WorkloadFiles.ProcessingInputs)
            {
                var path = WorkloadFiles.PathIn(projectFolder, name);
                if (File.Exists(path)) zip.CreateEntryFromFile(path, name, CompressionLevel.Fastest);
            }
        }
        using var stream = File.OpenRead(zipPath);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
