using Mesa.Identity;

namespace Mesa.Server.Security;

/// <summary>Reads a key file from the data folder, creating it (owner read/write only) on first start.</summary>
public static class KeyFiles
{
    public static string LoadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        var text = create();
        NewFile.Create(path, text, ownerOnly: true);
        return text;
    }
}
