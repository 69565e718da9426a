using System.Security.Cryptography;

namespace Mesa.Cli.Doctor;

/// <summary>One deployed file as the build manifest records it: path relative to the release folder ('/'-separated), size and SHA-256 (hex).</summary>
internal sealed record ManifestFile(string Path, long Bytes, string Sha256)
{
    public static ManifestFile Of(string releaseFolder, string file)
    {
        using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ManifestFile(RelativePath(releaseFolder, file), stream.Length, hash);
    }

    public static string RelativePath(string releaseFolder, string file) =>
        System.IO.Path.GetRelativePath(releaseFolder, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}
