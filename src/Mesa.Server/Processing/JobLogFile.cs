using System.IO.Compression;
using System.Text.Json;
using Mesa.Server.Storage;

namespace Mesa.Server.Processing;

/// <summary>The job's log in a download, as process.log (JSON lines, as <c>mesa-cloud process</c> writes it).</summary>
public static class JobLogFile
{
    public const string EntryName = "process.log";

    /// <summary>Downloads are built under this suffix and renamed when complete.</summary>
    public const string PartialSuffix = ".part";

    public static void Add(ZipArchive zip, IEnumerable<JobLogLine> log)
    {
        using var writer = new StreamWriter(zip.CreateEntry(EntryName, CompressionLevel.Optimal).Open());
        foreach (var line in log)
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(line.AtMs),
                Level = line.Level,
                RenderedMessage = line.Message,
            }));
    }
}
