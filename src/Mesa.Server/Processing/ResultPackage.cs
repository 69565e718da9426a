using System.IO.Compression;

namespace Mesa.Server.Processing;

/// <summary>
/// The download of a finished job: the output folder (output/..., manifest.json) as one zip, built once
/// when the job finishes so every download streams a file from disk.
/// </summary>
public static class ResultPackage
{
    public static void Build(string outputFolder, string zipPath)
    {
        var partial = zipPath + ".part";
        File.Delete(partial);
        // Parquet is already compressed; deflating it again costs time for nothing.
        ZipFile.CreateFromDirectory(outputFolder, partial, CompressionLevel.Fastest, includeBaseDirectory: false);
        File.Move(partial, zipPath, overwrite: true);
    }
}
