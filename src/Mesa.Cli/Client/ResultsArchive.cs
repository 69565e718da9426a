using System.IO.Compression;
using System.Security.Cryptography;
using Mesa.Processing.Pipeline;

namespace Mesa.Cli.Client;

/// <summary>Checks a downloaded results zip against its manifest and unpacks it over the project folder.</summary>
internal static class ResultsArchive
{
    /// <returns>The number of files written.</returns>
    public static int Unpack(string zipPath, string projectFolder)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var manifestEntry = zip.GetEntry(OutputFiles.Manifest) ?? throw new ClientException("the download has no manifest.json.");
        Manifest manifest;
        using (var reader = new StreamReader(manifestEntry.Open())) manifest = Manifest.FromJson(reader.ReadToEnd());
        foreach (var file in manifest.Files)
        {
            var entry = zip.GetEntry(file.Path) ?? throw new ClientException($"{file.Path} is listed in manifest.json but missing from the download.");
            using var stream = entry.Open();
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256)
                throw new ClientException($"{file.Path} does not match its SHA-256 in manifest.json; download again.");
        }
        var root = Path.GetFullPath(projectFolder);
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ClientException($"{entry.FullName}: refusing to write outside the project folder.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
        return zip.Entries.Count(e => !e.FullName.EndsWith('/'));
    }
}
