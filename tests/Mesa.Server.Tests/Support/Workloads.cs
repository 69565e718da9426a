using System.IO.Compression;
using Mesa.Processing.Synthetic;
using Mesa.Processing.Tests.Pipeline;

namespace Mesa.Server.Tests.Support;

/// <summary>Workload folders and zips for the server tests.</summary>
public static class Workloads
{
    /// <summary>The worked example of the processing spec, written into a new temp folder.</summary>
    public static string WorkedExampleFolder() => WorkedExampleWorkload.Build().Build(Directory.CreateTempSubdirectory("mesa-workload-").FullName);

    /// <summary>A synthetic workload (8 MB, 400,000 cells) that takes seconds to process, written into a new temp folder.</summary>
    public static string SyntheticFolder(int cells = 400_000)
    {
        var folder = Directory.CreateTempSubdirectory("mesa-synthetic-").FullName;
        SyntheticWorkload.Generate(folder, new SyntheticOptions(TargetBytes: 8_000_000, Seed: 5, Cells: cells));
        return folder;
    }

    /// <summary>The zip of <see cref="SyntheticFolder"/>.</summary>
    public static byte[] SyntheticZip(int cells = 400_000)
    {
        var folder = SyntheticFolder(cells);
        try
        {
            return Zip(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static byte[] Zip(string folder)
    {
        using var memory = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, memory, CompressionLevel.Optimal, includeBaseDirectory: false);
        return memory.ToArray();
    }

    /// <summary>The worked example's zip, as a client would upload it.</summary>
    public static byte[] WorkedExampleZip() => WorkedExampleZipWith();

    /// <summary>The worked example's zip with extra entries (name, bytes) added or replaced.</summary>
    public static byte[] WorkedExampleZipWith(params (string Name, byte[] Content)[] entries)
    {
        var folder = WorkedExampleFolder();
        try
        {
            using var memory = new MemoryStream();
            using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            {
                var replaced = entries.Select(e => e.Name).ToHashSet();
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    var name = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                    if (!replaced.Contains(name)) zip.CreateEntryFromFile(file, name);
                }
                foreach (var (name, content) in entries)
                {
                    using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                    stream.Write(content);
                }
            }
            return memory.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
