using System.Text.RegularExpressions;

namespace Mesa.Tiles.Mbtiles;

/// <summary>MESA's MBTiles file prefix: the group name with spaces as '_', other characters than word characters and '-' removed, at most 120 characters.</summary>
public static partial class FilePrefix
{
    public const int MaxLength = 120;

    public static string Of(string groupName)
    {
        var cleaned = NotWordOrDash().Replace(groupName.Replace(' ', '_'), "");
        return cleaned.Length > MaxLength ? cleaned[..MaxLength] : cleaned;
    }

    // Python's \w is Unicode-aware, as .NET's is.
    [GeneratedRegex(@"[^\w\-]")]
    private static partial Regex NotWordOrDash();
}
