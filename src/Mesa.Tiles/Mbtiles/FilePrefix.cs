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

    /// <summary>
    /// The prefixes of several groups, in the order given, none equal to another when case is ignored (as on
    /// Windows and macOS file systems): a group whose prefix is taken gets "_2", "_3", ... (the first free one)
    /// in place of its last characters when the 120 would be passed, so one group's files never replace another's.
    /// </summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string> groupNames)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        foreach (var name in groupNames)
        {
            var stem = Of(name);
            var prefix = stem;
            for (var n = 2; !taken.Add(prefix); n++)
            {
                var suffix = $"_{n}";
                prefix = stem[..Math.Min(stem.Length, MaxLength - suffix.Length)] + suffix;
            }
            prefixes.Add(prefix);
        }
        return prefixes;
    }

    // Python's \w is Unicode-aware, as .NET's is.
    [GeneratedRegex(@"[^\w\-]")]
    private static partial Regex NotWordOrDash();
}
