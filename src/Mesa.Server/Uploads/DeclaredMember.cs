using System.IO.Compression;

namespace Mesa.Server.Uploads;

/// <summary>What a zip's central directory claims about a member: its size and CRC-32, held against what the member decodes to.</summary>
public readonly record struct DeclaredMember(long Length, uint Crc32)
{
    /// <summary>The files (not folders) of <paramref name="zip"/> that <paramref name="selected"/> picks, by name.</summary>
    public static Dictionary<string, DeclaredMember> Of(ZipArchive zip, Func<string, bool> selected) =>
        zip.Entries.Where(e => !e.FullName.EndsWith('/') && selected(e.FullName))
            .ToDictionary(e => e.FullName, e => new DeclaredMember(e.Length, e.Crc32), StringComparer.Ordinal);
}
