namespace Mesa.Identity;

/// <summary>
/// Creates key material and certificates: never over an existing file, and through a rename, so a crash or a
/// concurrent reader never sees a truncated file that would be trusted.
/// </summary>
public static class NewFile
{
    /// <param name="ownerOnly">Readable and writable by the owner only (private keys).</param>
    /// <exception cref="IdentityException">The file exists already.</exception>
    public static void Create(string path, string text, bool ownerOnly)
    {
        if (File.Exists(path)) throw new IdentityException($"{path} exists already; refusing to overwrite it.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, "");
        if (ownerOnly && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: false);
    }
}
