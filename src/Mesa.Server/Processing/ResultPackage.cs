using System.IO.Compression;
using System.Text.Json;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>
/// The download of a finished job: the output folder (output/..., manifest.json) plus the job's log as
/// process.log (JSON lines, as <c>mesa-cloud process</c> writes it), built once when the job finishes so
/// every download streams a file from disk.
/// </summary>
public static class ResultPackage
{
    public const string LogEntry = "process.log";

    /// <summary>The archive is built under this suffix and renamed when complete.</summary>
    public const string PartialSuffix = ".part";

    public static void Build(string outputFolder, string zipPath, IEnumerable<JobLogLine> log)
    {
        var partial = zipPath + PartialSuffix;
        File.Delete(partial);
        // Parquet is already compressed; deflating it again costs time for nothing.
        ZipFile.CreateFromDirectory(outputFolder, partial, CompressionLevel.Fastest, includeBaseDirectory: false);
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Update))
        using (var writer = new StreamWriter(zip.CreateEntry(LogEntry, CompressionLevel.Optimal).Open()))
        {
            foreach (var line in log)
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(line.AtMs),
                    Level = line.Level,
                    RenderedMessage = line.Message,
                }));
        }
        File.Move(partial, zipPath, overwrite: true);
    }
}
