using System.IO.Compression;

namespace Mesa.Fuzzing.Targets;

/// <summary>Zip members as name/bytes pairs, for generators that damage one member of a valid archive and pack it again.</summary>
public static class ZipParts
{
    public static List<(string Name, byte[] Content)> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    public static byte[] Write(IEnumerable<(string Name, byte[] Content)> members, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }
}
