namespace Mesa.Server.Security;

/// <summary>Reads a key file from the data folder, creating it (owner read/write only) on first start.</summary>
public static class KeyFiles
{
    public static string LoadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        var text = create();
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Rename so a crash mid-write never leaves a truncated key that would be trusted on the next start.
        File.Move(temporary, path, overwrite: false);
        return text;
    }
}
